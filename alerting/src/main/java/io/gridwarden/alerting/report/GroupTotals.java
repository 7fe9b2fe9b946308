package io.gridwarden.alerting.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group's figures in an assessment report: cases, the share of settled voice warnings that
 * settled the case on their own, time to warn / dispatch (from detection), accept / arrive (from
 * dispatch) and resolve (from detection), reassignments (of which rejections) and cases that crossed
 * to a "1+X" neighbour.
 */
public final class GroupTotals {

    /** The durations a report gives percentiles of, in the order of its columns. */
    public static final String[] TIMES = {"warn", "dispatch", "accept", "arrive", "resolve"};

    private final String key;
    private final String name;
    private final Map<String, DurationPercentiles> times = new LinkedHashMap<>();
    private long cases;
    private long warnedSettled;
    private long settledByWarning;
    private long reassignments;
    private long rejections;
    private long reassignedCases;
    private long crossedToNeighbour;

    GroupTotals(String key, String name) {
        this.key = key;
        this.name = name;
        for (String time : TIMES) {
            times.put(time, new DurationPercentiles());
        }
    }

    void add(CaseFacts c) {
        cases++;
        warnedSettled += c.warnedAndSettled() ? 1 : 0;
        settledByWarning += c.settledByWarning() ? 1 : 0;
        reassignments += c.reassignments();
        rejections += c.rejections();
        reassignedCases += c.reassignments() > 0 ? 1 : 0;
        crossedToNeighbour += c.crossedToNeighbour() ? 1 : 0;
        times.get("warn").add(c.detected(), c.warned());
        times.get("dispatch").add(c.detected(), c.dispatched());
        times.get("accept").add(c.dispatched(), c.accepted());
        times.get("arrive").add(c.dispatched(), c.arrived());
        times.get("resolve").add(c.detected(), c.resolved());
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public long cases() {
        return cases;
    }

    /** Settled by a warning alone over warnings settled either way; null when no warning has settled. */
    public Double settledByWarningShare() {
        return warnedSettled == 0 ? null : (double) settledByWarning / warnedSettled;
    }

    /** Seconds at {@code percentile} of one of {@link #TIMES}; null when no case of the group had that step. */
    public Double seconds(String time, double percentile) {
        return times.get(time).seconds(percentile);
    }

    public long reassignments() {
        return reassignments;
    }

    public long rejections() {
        return rejections;
    }

    public long crossedToNeighbour() {
        return crossedToNeighbour;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        out.put("name", name);
        out.put("cases", cases);
        out.put("warnedSettled", warnedSettled);
        out.put("settledByWarning", settledByWarning);
        out.put("settledByWarningShare", settledByWarningShare());
        Map<String, Object> t = new LinkedHashMap<>();
        times.forEach((k, v) -> t.put(k, v.toJson()));
        out.put("timeToSeconds", t);
        out.put("reassignments", reassignments);
        out.put("rejections", rejections);
        out.put("reassignedCases", reassignedCases);
        out.put("crossedToNeighbour", crossedToNeighbour);
        return out;
    }
}
