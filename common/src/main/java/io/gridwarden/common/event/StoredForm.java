package io.gridwarden.common.event;

/**
 * The form in which a log stores device events. {@link EventCodec#decode} reads either, so a log may hold both
 * (records written before the compact form, events alerting appends).
 */
public enum StoredForm {
    /** CloudEvents structured JSON with {@code ingesttime}: for a log other programs read or write (a Kafka topic). */
    JSON,
    /** {@link CompactEvents}: for a log only gridwarden reads (the embedded one), which its job reads without parsing JSON. */
    COMPACT;

    /** The bytes to store for {@code event}, which carries its ingest time. */
    public byte[] encode(DeviceEvent event) {
        return this == COMPACT ? CompactEvents.encode(event) : EventCodec.encode(event);
    }
}
