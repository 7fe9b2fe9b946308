package io.gridwarden.log.rocksdb;

import java.util.function.LongSupplier;

/**
 * The time the log stamps appends with, and that the embedded job's watermarks follow: the wall clock,
 * but without its steps. Between two readings it advances by the real time elapsed (the monotonic
 * clock), corrected towards the wall clock by at most 1% of that time. So when the wall clock is set
 * an hour forward or back, the log's time does not jump with it (every timer of the job would fire at
 * once, or none for an hour): it catches up gradually, an hour in 100 hours. One per process.
 */
public final class LogClock {

    /** How far the log's time may run ahead of or behind real elapsed time to follow the wall clock: 1/100. */
    static final long SLEW_DIVISOR = 100;
    private static final long NANOS_PER_MILLI = 1_000_000;

    /** The process's log clock, on the system's wall and monotonic clocks. */
    public static final LogClock SYSTEM = new LogClock(System::currentTimeMillis, System::nanoTime);

    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private long lastMonotonic;
    private long epochNanos;

    LogClock(LongSupplier wallMillis, LongSupplier monotonicNanos) {
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
        this.lastMonotonic = monotonicNanos.getAsLong();
        this.epochNanos = wallMillis.getAsLong() * NANOS_PER_MILLI;
    }

    /** Milliseconds since the epoch on the log's clock; never less than a previous reading. */
    public synchronized long millis() {
        long now = monotonicNanos.getAsLong();
        long elapsed = Math.max(0, now - lastMonotonic);
        lastMonotonic = now;
        long advanced = epochNanos + elapsed;
        long behindWall = wallMillis.getAsLong() * NANOS_PER_MILLI - advanced;
        long maxCorrection = elapsed / SLEW_DIVISOR;
        epochNanos = advanced + Math.max(-maxCorrection, Math.min(maxCorrection, behindWall));
        return epochNanos / NANOS_PER_MILLI;
    }
}
