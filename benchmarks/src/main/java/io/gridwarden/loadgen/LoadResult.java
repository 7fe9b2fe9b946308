package io.gridwarden.loadgen;

import static io.gridwarden.loadgen.AckLatencies.millis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One load run's figures, written as JSON: the rate asked, the rate acknowledged, ack latency percentiles over the
 * measured window, and the p99 of each second of it ({@link AckLatencies}; null for a second without an answer).
 */
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
        Map<String, Long> responsesByStatus,
        List<Double> p99BySecondMillis) {

    public LoadResult {
        p99BySecondMillis = Collections.unmodifiableList(new ArrayList<>(p99BySecondMillis)); // null: a second without an answer
    }

    static LoadResult of(OpenLoopLoad.Settings s, Histogram latencyNanos, double ackedPerSecond, Map<String, Long> byStatus,
            List<Double> p99BySecondMillis) {
        return new LoadResult(s.eventsPerSecond(), s.batchSize(), Math.round(ackedPerSecond * 10) / 10.0,
                millis(latencyNanos.getValueAtPercentile(50)), millis(latencyNanos.getValueAtPercentile(90)),
                millis(latencyNanos.getValueAtPercentile(99)), millis(latencyNanos.getValueAtPercentile(99.9)),
                millis(latencyNanos.getMaxValue()), latencyNanos.getTotalCount(), byStatus, p99BySecondMillis);
    }

    /** Whether the run held its rate: every batch acknowledged and p99 within the bound. */
    public boolean held(double p99BoundMillis) {
        long failed = responsesByStatus.entrySet().stream().filter(e -> !e.getKey().equals("202")).mapToLong(Map.Entry::getValue).sum();
        return failed == 0 && p99Millis <= p99BoundMillis && ackedEventsPerSecond >= 0.95 * targetEventsPerSecond;
    }
}
