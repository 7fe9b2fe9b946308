package io.gridwarden.suite.e2e;

import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.loadgen.LoadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * End-to-end latency at one background rate, from the moment a violation is due (its dwell ended) to
 * (a) its {@code violation.warned} on the operations stream and (b) the voice warning at the camera.
 * Milliseconds; {@code samples} probes were sent, {@code missed} never came back within the run.
 * {@code background}: how ingest answered the background load meanwhile (null without one).
 */
public record LatencyFigures(int backgroundEventsPerSecond, int samples, int missed, Percentiles toActionLog, Percentiles toDevice,
        List<Probe> slowest, Background background) {

    /** How many of the slowest probes a figure names, with when each was due: to lay beside GC and checkpoint logs. */
    public static final int SLOWEST = 10;

    /** A figure without its slowest probes listed. */
    public LatencyFigures(int backgroundEventsPerSecond, int samples, int missed, Percentiles toActionLog, Percentiles toDevice) {
        this(backgroundEventsPerSecond, samples, missed, toActionLog, toDevice, List.of(), null);
    }

    /**
     * One probe car: when it was due (UTC) and its latencies in ms (null: never seen); {@code backgroundAckP99Millis}: the
     * p99 of ingest's answers to the background load in the second its warning could first go out (due + the watermark's
     * allowance), null when unknown. The job reads only what the event log has made durable, so a slow group commit
     * then holds the watermark that lets the warning out.
     */
    public record Probe(String track, String due, Long toActionLog, Long toDevice, Double backgroundAckP99Millis) {

        public Probe(String track, String due, Long toActionLog, Long toDevice) {
            this(track, due, toActionLog, toDevice, null);
        }
    }

    /** The background load as ingest answered it: from when it started (UTC), its p99 and that of each second. */
    public record Background(String startedAt, double ackedEventsPerSecond, double p99Millis, List<Double> p99BySecondMillis) {

        public static Background of(Instant startedAt, LoadResult load) {
            return new Background(startedAt.toString(), load.ackedEventsPerSecond(), load.p99Millis(), load.p99BySecondMillis());
        }

        /** Short, for the progress log: the seconds' count rather than each. */
        @Override
        public String toString() {
            return "Background[startedAt=" + startedAt + ", ackedEventsPerSecond=" + ackedEventsPerSecond + ", p99Millis=" + p99Millis
                    + ", seconds=" + p99BySecondMillis.size() + "]";
        }

        /** The p99 of the second of the load that holds {@code at}, or null outside the load. */
        Double p99At(Instant at) {
            long second = Math.floorDiv(Duration.between(Instant.parse(startedAt), at).toMillis(), 1000);
            return second < 0 || second >= p99BySecondMillis.size() ? null : p99BySecondMillis.get((int) second);
        }
    }

    /** This figure with the background load beside it, each slowest probe with the load's p99 as its warning could go out. */
    public LatencyFigures with(Background load) {
        Duration allowance = LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY;
        List<Probe> probes = slowest.stream().map(p -> new Probe(p.track(), p.due(), p.toActionLog(), p.toDevice(),
                load.p99At(Instant.parse(p.due()).plus(allowance)))).toList();
        return new LatencyFigures(backgroundEventsPerSecond, samples, missed, toActionLog, toDevice, probes, load);
    }

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
