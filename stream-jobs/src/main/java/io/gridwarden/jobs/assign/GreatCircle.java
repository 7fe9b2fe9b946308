package io.gridwarden.jobs.assign;

/** Distances on the Earth's surface (haversine on a sphere of the mean Earth radius). */
public final class GreatCircle {

    /** The mean Earth radius (IUGG), in metres. */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private GreatCircle() {}

    /** The great-circle distance in metres between two points given in degrees. */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
