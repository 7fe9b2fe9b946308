package io.gridwarden.simulator;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.Polygon;
import io.gridwarden.common.town.ZoneRule;
import java.util.Random;

/**
 * Something a camera sees standing in one of its zones: a parked car, a vendor's cart, bags of
 * rubbish… Its box is placed so that its bottom-centre (where it stands) is inside the zone.
 *
 * @param leavesAfterWarning whether it goes when the camera's loudspeaker warns it
 */
record Offender(String zone, String track, String label, Box box, boolean leavesAfterWarning) {

    /** Share of drivers who leave once warned, as in the town this system comes from; vendors are stubborner. */
    private static final double DRIVERS_LEAVE = 0.71;
    private static final double OTHERS_LEAVE = 0.45;

    static Offender in(ZoneRule rule, Random random) {
        String label = rule.labels().stream().sorted().skip(random.nextInt(rule.labels().size())).findFirst().orElseThrow();
        double share = rule.category().equals("illegal_parking") ? DRIVERS_LEAVE : OTHERS_LEAVE;
        return new Offender(rule.zone(), "t-" + Long.toString(System.nanoTime(), 36), label, standingIn(rule.polygon()),
                random.nextDouble() < share);
    }

    DetectedObject seen() {
        return new DetectedObject(track, label, 0.9, box);
    }

    /** A 0.12 × 0.15 box whose bottom-centre is the zone's centroid (the mean of its corners). */
    private static Box standingIn(Polygon zone) {
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < zone.xs().length; i++) {
            cx += zone.xs()[i];
            cy += zone.ys()[i];
        }
        cx /= zone.xs().length;
        cy /= zone.ys().length;
        double w = 0.12;
        double h = Math.min(0.15, cy);
        return new Box(Math.max(0, Math.min(1 - w, cx - w / 2)), cy - h, w, h);
    }
}
