package io.gridwarden.common.log;

/**
 * One record to append: {@code partitionKey} chooses the partition (a device id keeps a device's
 * events in order), {@code dedupKey} makes the append idempotent (null: never a duplicate).
 *
 * <p>{@code eventTimeMillis} is the time the record says its content happened, stored beside the payload
 * so that a reader needs no parse to learn it: for a device event, the device's {@code time}, which
 * ingest has from its own decode; {@link LogRecord#NO_EVENT_TIME} for records that have none (actions).
 */
public record LogEntry(String partitionKey, String dedupKey, byte[] payload, long eventTimeMillis) {

    /** An entry without an event time. */
    public LogEntry(String partitionKey, String dedupKey, byte[] payload) {
        this(partitionKey, dedupKey, payload, LogRecord.NO_EVENT_TIME);
    }
}
