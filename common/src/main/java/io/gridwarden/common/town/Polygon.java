package io.gridwarden.common.town;

import java.util.List;

/** A zone in normalised image coordinates (0..1), as a closed polygon of at least three points. */
public record Polygon(double[] xs, double[] ys) {

    public static Polygon of(List<List<Double>> points) {
        if (points == null || points.size() < 3) {
            throw new IllegalArgumentException("a zone polygon needs at least three [x, y] points");
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            List<Double> p = points.get(i);
            if (p == null || p.size() != 2 || !inUnitRange(p.get(0)) || !inUnitRange(p.get(1))) {
                throw new IllegalArgumentException("zone point " + p + " must be [x, y] with both from 0 to 1");
            }
            xs[i] = p.get(0);
            ys[i] = p.get(1);
        }
        return new Polygon(xs, ys);
    }

    private static boolean inUnitRange(Double v) {
        return v != null && v >= 0 && v <= 1; // false for NaN too
    }

    /**
     * Whether the point lies inside or on the edge (even-odd ray casting, with edges counted as inside
     * so that an object standing on the zone's border line is in the zone).
     */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if (onSegment(x, y, xs[j], ys[j], xs[i], ys[i])) {
                return true;
            }
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean onSegment(double px, double py, double ax, double ay, double bx, double by) {
        double cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
        return Math.abs(cross) < 1e-12 && px >= Math.min(ax, bx) - 1e-12 && px <= Math.max(ax, bx) + 1e-12
                && py >= Math.min(ay, by) - 1e-12 && py <= Math.max(ay, by) + 1e-12;
    }
}
