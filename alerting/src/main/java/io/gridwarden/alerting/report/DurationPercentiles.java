package io.gridwarden.alerting.report;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.IntCountsHistogram;

/**
 * p50/p90/p99 of one kind of duration (time to warn, say) over a group's cases, in an HdrHistogram:
 * two significant digits (within 1 %), milliseconds, capped at {@link #MAX_TRACKED}. Memory is fixed
 * (about 13 KB, allocated at the first value) however many cases a report covers, so a report's size
 * depends only on its number of groups, which the town file and the period bound.
 */
final class DurationPercentiles {

    static final Duration MAX_TRACKED = Duration.ofDays(30);
    private static final int SIGNIFICANT_DIGITS = 2;

    private IntCountsHistogram histogram;

    /** Adds the time from {@code from} to {@code to}; nothing when either is missing or they are out of order. */
    void add(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return;
        }
        if (histogram == null) {
            histogram = new IntCountsHistogram(1, MAX_TRACKED.toMillis(), SIGNIFICANT_DIGITS);
        }
        histogram.recordValue(Math.min(MAX_TRACKED.toMillis(), Duration.between(from, to).toMillis()));
    }

    long count() {
        return histogram == null ? 0 : histogram.getTotalCount();
    }

    /** Seconds at the percentile, null when no case had this step. */
    Double seconds(double percentile) {
        return count() == 0 ? null : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count());
        out.put("p50", seconds(50));
        out.put("p90", seconds(90));
        out.put("p99", seconds(99));
        return out;
    }
}
