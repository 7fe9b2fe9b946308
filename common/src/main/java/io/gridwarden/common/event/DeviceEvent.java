package io.gridwarden.common.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One event from a device, as accepted by ingest.
 *
 * <p>{@code time} is when the device saw it (its own clock); {@code ingestTime} is when gridwarden
 * made it durable, and is what drives the jobs' clock (see {@code LogRecord}).
 */
public record DeviceEvent(String id, String source, EventType type, Instant time, Instant ingestTime, EventData data) {

    public DeviceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** The idempotency key of the contract: a repeated (source, id) is stored once. */
    public String dedupKey() {
        return source + '\u0000' + id;
    }

    public DeviceEvent withIngestTime(Instant at) {
        return new DeviceEvent(id, source, type, time, at, data);
    }
}
