package io.gridwarden.loadgen;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** One load run's figures, written as JSON: the rate asked, the rate acknowledged, and ack latency percentiles. */
public record LoadResult(
        int targetEventsPerSecond,
        int batchSize,
        double ackedEventsPerSecond,
        double p50Millis,
        double p90Millis,
        double p99Millis,
        double p999Millis,
        double maxMillis,
        long batches,
        Map<String, Long> responsesByStatus) {

    static LoadResult of(OpenLoopLoad.Settings s, Histogram latencyNanos, double ackedPerSecond, Map<String, Long> byStatus) {
        return new LoadResult(s.eventsPerSecond(), s.batchSize(), Math.round(ackedPerSecond * 10) / 10.0,
                millis(latencyNanos.getValueAtPercentile(50)), millis(latencyNanos.getValueAtPercentile(90)),
                millis(latencyNanos.getValueAtPercentile(99)), millis(latencyNanos.getValueAtPercentile(99.9)),
                millis(latencyNanos.getMaxValue()), latencyNanos.getTotalCount(), byStatus);
    }

    /** Whether the run held its rate: every batch acknowledged and p99 within the bound. */
    public boolean held(double p99BoundMillis) {
        long failed = responsesByStatus.entrySet().stream().filter(e -> !e.getKey().equals("202")).mapToLong(Map.Entry::getValue).sum();
        return failed == 0 && p99Millis <= p99BoundMillis && ackedEventsPerSecond >= 0.95 * targetEventsPerSecond;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
