package io.gridwarden.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The acknowledgement latencies of one load point: over its measured window, and second by second.
 *
 * <p>A point is held or missed by its p99 over the whole window, and a 10 s window missed by one slow second
 * reads the same as one the system could not keep up with for any of it. The p99 of each second's answers tells
 * the two apart: one second at 800 ms among nine at 20 ms is a hiccup of the system or the machine, ten seconds
 * at 150 ms is a ceiling.
 *
 * <p>Answers are recorded from any thread ({@link #record}); the sending loop alone calls {@link #tick} as it goes,
 * which closes each second once it has passed, and {@link #finish} once every answer is in. Memory is one
 * histogram and a number per second.
 */
public final class AckLatencies {

    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Recorder recorder = new Recorder(3);
    private final Histogram window = new Histogram(3);
    private final List<Double> p99BySecond = new ArrayList<>();
    private Histogram second;
    private long secondEnds;

    /** Seconds count from {@code startNanos} ({@link System#nanoTime()}). */
    public AckLatencies(long startNanos) {
        this.secondEnds = startNanos + SECOND_NANOS;
    }

    /** One answer, {@code latencyNanos} after its batch was due; from any thread. */
    public void record(long latencyNanos) {
        recorder.recordValue(Math.max(0, latencyNanos));
    }

    /** The measured window begins now: what was recorded before is dropped, and its seconds count from now. */
    public void measureFrom(long nowNanos) {
        second = recorder.getIntervalHistogram(second);
        window.reset();
        p99BySecond.clear();
        secondEnds = nowNanos + SECOND_NANOS;
    }

    /**
     * Closes the second that has ended by {@code nowNanos}, if one has, and says whether one has; its p99 is then
     * {@link #lastSecondP99Millis}. A sender held up past several seconds (by its cap on batches in flight, while the
     * system stalls) closes them as one.
     */
    public boolean tick(long nowNanos) {
        if (nowNanos < secondEnds) {
            return false;
        }
        secondEnds += SECOND_NANOS * ((nowNanos - secondEnds) / SECOND_NANOS + 1);
        closeSecond();
        return true;
    }

    /** The p99 in milliseconds of the last second closed; null before the first or when none came in it. */
    public Double lastSecondP99Millis() {
        return p99BySecond.isEmpty() ? null : p99BySecond.get(p99BySecond.size() - 1);
    }

    /**
     * Closes the last second with whatever came after it (the answers to the window's last batches): call once,
     * when every answer is in. Returns every latency of the measured window.
     */
    public Histogram finish() {
        second = recorder.getIntervalHistogram(second);
        if (second.getTotalCount() > 0) {
            window.add(second);
            p99BySecond.add(millis(second.getValueAtPercentile(99)));
        }
        return window;
    }

    /**
     * The p99 of each second's answers in milliseconds, in order; null for a second in which none came (a second in
     * which the system answered nothing is not a fast one).
     */
    public List<Double> p99BySecondMillis() {
        return Collections.unmodifiableList(p99BySecond);
    }

    private void closeSecond() {
        second = recorder.getIntervalHistogram(second);
        window.add(second);
        p99BySecond.add(second.getTotalCount() == 0 ? null : millis(second.getValueAtPercentile(99)));
    }

    /** Milliseconds to two decimals, as the results show them. */
    public static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
