package io.gridwarden.suite.report;

/**
 * One system at one offered rate: what it acknowledged and at what latency (from each batch's due
 * time, so stalls count). {@code failed} counts batches refused or lost.
 */
public record RatePoint(String system, int offeredEventsPerSecond, double ackedEventsPerSecond, double p50Millis, double p99Millis,
        double p999Millis, long failed) {

    /** Held: every batch acknowledged, at least 95% of the offered rate, p99 under the bound. */
    public boolean held(double p99BoundMillis) {
        return failed == 0 && ackedEventsPerSecond >= 0.95 * offeredEventsPerSecond && p99Millis <= p99BoundMillis;
    }
}
