package io.gridwarden.launcher;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.log.LogEntry;
import java.time.Instant;

/**
 * One record of the deliveries topic: {@code instance} handed {@code command} over to {@code target} by
 * {@code channel} at {@code at} (the device's 2xx). Keyed (so partitioned) by the command id; the topic is compacted,
 * so it keeps the last hand-over of every command. The value is this record as JSON.
 */
record DeliveryRecord(String target, Command command, String channel, String instance, Instant at) {

    LogEntry entry() {
        return new LogEntry(command.id(), null, Json.toBytes(this));
    }

    static DeliveryRecord of(byte[] value) {
        return Json.fromBytes(value, DeliveryRecord.class);
    }
}
