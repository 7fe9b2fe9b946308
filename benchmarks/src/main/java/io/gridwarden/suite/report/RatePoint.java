package io.gridwarden.suite.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One system at one offered rate: what it acknowledged and at what latency (from each batch's due
 * time, so stalls count). {@code failed} counts batches refused or lost. {@code p99BySecondMillis}: the
 * p99 of each second's answers ({@link io.gridwarden.loadgen.AckLatencies}; null for a second without one),
 * which tells a point missed by one slow second from one the system could not keep up with.
 */
public record RatePoint(String system, int offeredEventsPerSecond, double ackedEventsPerSecond, double p50Millis, double p99Millis,
        double p999Millis, long failed, List<Double> p99BySecondMillis) {

    public RatePoint {
        p99BySecondMillis = Collections.unmodifiableList(new ArrayList<>(p99BySecondMillis));
    }

    /** Held: every batch acknowledged, at least 95% of the offered rate, p99 under the bound. */
    public boolean held(double p99BoundMillis) {
        return failed == 0 && ackedEventsPerSecond >= 0.95 * offeredEventsPerSecond && p99Millis <= p99BoundMillis;
    }
}
