package io.gridwarden.ingest;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Warnings that a client can provoke at will, written at most {@code perWindow} times a window: beyond,
 * they are counted, and the first line of the next window says how many were left out. A flood of failed
 * logins then costs a few lines a minute, not a disk. Thread-safe.
 */
final class RateLimitedLog {

    private final Logger log;
    private final int perWindow;
    private final long windowMillis;
    private final LongSupplier millisClock;
    private long windowStart;
    private int written;
    private long suppressed;

    RateLimitedLog(Logger log, int perWindow, long windowMillis, LongSupplier millisClock) {
        this.log = log;
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.millisClock = millisClock;
        this.windowStart = millisClock.getAsLong();
    }

    /** Writes the warning (an SLF4J pattern and its arguments) unless this window's lines are spent. */
    void warn(String pattern, Object... arguments) {
        long left;
        synchronized (this) {
            long now = millisClock.getAsLong();
            if (now - windowStart >= windowMillis) {
                windowStart = now;
                written = 0;
            }
            if (written >= perWindow) {
                suppressed++;
                return;
            }
            written++;
            left = suppressed;
            suppressed = 0;
        }
        if (left > 0) {
            log.warn("{} similar warnings were not logged (at most {} every {} s)", left, perWindow, windowMillis / 1000);
        }
        log.warn(pattern, arguments);
    }
}
