package io.gridwarden.suite.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One system at one offered rate: what it acknowledged and at what latency (from each batch's due
 * time, so stalls count). {@code failed} counts batches refused or lost, and {@code failures} says why: each HTTP
 * status other than 202, PUBACK reason or client error (a closed connection, a timeout) with its count.
 * {@code p99BySecondMillis}: the p99 of each second's answers ({@link io.gridwarden.loadgen.AckLatencies}; null for
 * a second without one), which tells a point missed by one slow second from one the system could not keep up with.
 */
public record RatePoint(String system, int offeredEventsPerSecond, double ackedEventsPerSecond, double p50Millis, double p99Millis,
        double p999Millis, long failed, Map<String, Long> failures, List<Double> p99BySecondMillis) {

    /** Reasons named at most when a point's failures are described. */
    static final int REASONS_NAMED = 2;

    public RatePoint {
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        p99BySecondMillis = Collections.unmodifiableList(new ArrayList<>(p99BySecondMillis));
    }

    /** A point whose {@code failed} is the sum of its {@code failures}' counts, as every load measures it. */
    public static RatePoint of(String system, int offeredEventsPerSecond, double ackedEventsPerSecond, double p50Millis, double p99Millis,
            double p999Millis, Map<String, Long> failures, List<Double> p99BySecondMillis) {
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        return new RatePoint(system, offeredEventsPerSecond, ackedEventsPerSecond, p50Millis, p99Millis, p999Millis, failed, failures,
                p99BySecondMillis);
    }

    /** Held: every batch acknowledged, at least 95% of the offered rate, p99 under the bound. */
    public boolean held(double p99BoundMillis) {
        return failed == 0 && ackedEventsPerSecond >= 0.95 * offeredEventsPerSecond && p99Millis <= p99BoundMillis;
    }

    /** The failed batches' count and their commonest reasons, e.g. {@code 3 (503 ×2, TimeoutException ×1)}. */
    public String failedDescribed() {
        String count = String.format(Locale.ROOT, "%,d", failed);
        if (failed == 0 || failures.isEmpty()) {
            return count;
        }
        String reasons = failures.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(REASONS_NAMED).map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        return count + " (" + reasons + (failures.size() > REASONS_NAMED ? ", …" : "") + ")";
    }
}
