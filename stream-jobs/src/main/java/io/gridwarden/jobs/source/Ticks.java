package io.gridwarden.jobs.source;

import io.gridwarden.common.log.LogRecord;

/**
 * A tick is a {@link LogRecord} with offset {@code -1} and no payload: "partition {@code p} has nothing
 * new up to {@code appendTimeMillis}".
 *
 * <p>Ticks exist only to move the watermark forward when devices go quiet; they never reach the
 * domain operators (the decoder drops them). Reusing {@code LogRecord} keeps the source's output a
 * single Flink POJO type. A tick is emitted only when the reader is caught up, and the log's append
 * times are monotonic, so a tick never claims a time that a replayed record could contradict.
 */
public final class Ticks {

    static final long TICK_OFFSET = -1;

    private Ticks() {}

    public static LogRecord tick(int partition, long appendTimeMillis) {
        return new LogRecord(partition, TICK_OFFSET, appendTimeMillis, null);
    }

    public static boolean isTick(LogRecord record) {
        return record.offset() == TICK_OFFSET;
    }
}
