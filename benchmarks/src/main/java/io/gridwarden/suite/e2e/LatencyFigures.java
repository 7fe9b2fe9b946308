package io.gridwarden.suite.e2e;

import java.util.List;

/**
 * End-to-end latency at one background rate, from the moment a violation is due (its dwell ended) to
 * (a) its {@code violation.warned} on the operations stream and (b) the voice warning at the camera.
 * Milliseconds; {@code samples} probes were sent, {@code missed} never came back within the run.
 */
public record LatencyFigures(int backgroundEventsPerSecond, int samples, int missed, Percentiles toActionLog, Percentiles toDevice,
        List<Probe> slowest) {

    /** How many of the slowest probes a figure names, with when each was due: to lay beside GC and checkpoint logs. */
    public static final int SLOWEST = 10;

    /** A figure without its slowest probes listed. */
    public LatencyFigures(int backgroundEventsPerSecond, int samples, int missed, Percentiles toActionLog, Percentiles toDevice) {
        this(backgroundEventsPerSecond, samples, missed, toActionLog, toDevice, List.of());
    }

    /** One probe car: when it was due (UTC) and its latencies in ms (null: never seen). */
    public record Probe(String track, String due, Long toActionLog, Long toDevice) {}

    /** p50 / p99 / p99.9 / max of a set of latencies in ms (with few samples the high ones are the max). */
    public record Percentiles(double p50, double p99, double p999, double max, int count) {

        public static Percentiles of(List<Long> millis) {
            if (millis.isEmpty()) {
                return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            List<Long> sorted = millis.stream().sorted().toList();
            return new Percentiles(at(sorted, 50), at(sorted, 99), at(sorted, 99.9), sorted.get(sorted.size() - 1), sorted.size());
        }

        /** Nearest-rank percentile. */
        static double at(List<Long> sorted, double percentile) {
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }
}
