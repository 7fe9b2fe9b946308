package io.gridwarden.common.log;

import java.nio.ByteBuffer;

/**
 * How a log on Kafka carries a record's event time: a header of this name holding the time in epoch
 * millis, 8 bytes big-endian; no header when the entry has none. The record's own timestamp stays the
 * broker's append time, which the jobs' watermarks follow. Shared by the log (writer) and the job's
 * Kafka source (reader), which do not depend on each other.
 */
public final class EventTimeHeader {

    public static final String NAME = "gridwarden-event-time";

    private EventTimeHeader() {}

    /** The header's value for an event time. */
    public static byte[] encode(long eventTimeMillis) {
        return ByteBuffer.allocate(Long.BYTES).putLong(eventTimeMillis).array();
    }

    /** The event time a header value holds; {@link LogRecord#NO_EVENT_TIME} when there is no header or it is not 8 bytes. */
    public static long decode(byte[] value) {
        return value == null || value.length != Long.BYTES ? LogRecord.NO_EVENT_TIME : ByteBuffer.wrap(value).getLong();
    }
}
