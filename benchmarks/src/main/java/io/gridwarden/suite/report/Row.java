package io.gridwarden.suite.report;

/**
 * One line of the summary: a figure of gridwarden's, the same figure of a peer measured in the same
 * run, and their ratio (gridwarden ÷ peer). {@code atLeast} marks a figure that reached the highest
 * load offered: the system may hold more.
 */
public record Row(String section, String figure, double ours, boolean oursAtLeast, String peer, double peerValue, boolean peerAtLeast,
        String unit, boolean higherIsBetter, String note) {

    /** gridwarden ÷ peer, or NaN when the peer's figure is zero or missing. */
    public double ratio() {
        return peerValue == 0 || Double.isNaN(peerValue) || Double.isNaN(ours) ? Double.NaN : ours / peerValue;
    }
}
