package io.gridwarden.suite.e2e;

import java.util.SplittableRandom;

/**
 * When the probe starts its cars: a probe a second on average, at random instants. A probe a second on the
 * clock met gridwarden's periodic work at one fixed phase for a whole run: with checkpoints every 5 s, either
 * every fifth probe fell due during detection's checkpoint (p99 342 ms at 50,000 events/s) or none did
 * (296 ms), the same build in the same sitting. Random gaps see each part of every cycle in proportion to its
 * length, so the tail counts each hold as often as a violation falling due at an unplanned moment meets it.
 *
 * <p>The gaps are {@link #MIN_GAP_MILLIS} plus an exponential share (a Poisson process with a dead time), so
 * that no two cars arrive in the same frame and every probe is its own sample.
 */
final class ProbeTimes {

    /** On average, a probe a second. */
    static final long MEAN_GAP_MILLIS = 1_000;
    /** No two probes start closer than this (before a run's gaps are shrunk to fit it, by a few per cent). */
    static final long MIN_GAP_MILLIS = 700;

    private ProbeTimes() {}

    /** How many probes a run of {@code spanMillis} starts: one a second on average, at least one. */
    static int count(long spanMillis) {
        return (int) Math.max(1, Math.round((double) spanMillis / MEAN_GAP_MILLIS));
    }

    /**
     * {@code count} offsets from the run's start, each in {@code [0, spanMillis)}, ascending: gaps of
     * {@link #MIN_GAP_MILLIS} plus an exponential share, all shrunk alike when their sum would overrun the span.
     */
    static long[] spread(int count, long spanMillis, SplittableRandom random) {
        if (count < 1 || spanMillis < 1) {
            throw new IllegalArgumentException("probes need a count and a span of at least 1, not " + count + " in " + spanMillis + " ms");
        }
        double[] at = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double gap = MIN_GAP_MILLIS - (MEAN_GAP_MILLIS - MIN_GAP_MILLIS) * Math.log(1 - random.nextDouble());
            sum += i == 0 ? gap - MIN_GAP_MILLIS : gap; // the first probe waits only for the random share
            at[i] = sum;
        }
        double scale = sum < spanMillis ? 1 : (spanMillis - 1) / sum;
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = (long) (at[i] * scale);
        }
        return offsets;
    }
}
