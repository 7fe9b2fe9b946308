package io.gridwarden.common.log;

/**
 * One stored record: its position ({@code partition}, {@code offset}), the time the log made it
 * durable (monotonic within a partition), the payload, and the event time its writer stored beside it
 * ({@link LogEntry#eventTimeMillis()}; {@link #NO_EVENT_TIME} when it stored none).
 */
public record LogRecord(int partition, long offset, long appendTimeMillis, byte[] payload, long eventTimeMillis) {

    /** The event time of a record whose writer stored none: the reader must find it in the payload, if anywhere. */
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    /** A record without an event time. */
    public LogRecord(int partition, long offset, long appendTimeMillis, byte[] payload) {
        this(partition, offset, appendTimeMillis, payload, NO_EVENT_TIME);
    }

    /** Whether the writer stored an event time beside the payload. */
    public boolean hasEventTime() {
        return eventTimeMillis != NO_EVENT_TIME;
    }
}
