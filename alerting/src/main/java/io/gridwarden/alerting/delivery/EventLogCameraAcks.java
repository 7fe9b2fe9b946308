package io.gridwarden.alerting.delivery;

import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventLimits;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@link CameraAcks} over the event log: appends the {@code gw.command.ack} event, partitioned by the
 * device as ingest does, with the id {@code ack-<command>-<result>} (a repeat is a duplicate).
 */
public final class EventLogCameraAcks implements CameraAcks {

    private final RecordLog eventLog;
    private final Context context;
    private final Clock clock;

    public EventLogCameraAcks(RecordLog eventLog, Context context, Clock clock) {
        this.eventLog = eventLog;
        this.context = context;
        this.clock = clock;
    }

    /** The event id of {@code device}'s {@code result} to {@code command}: the same every time. */
    static String eventId(String command, String result) {
        return "ack-" + command + "-" + result;
    }

    @Override
    public Future<Void> record(String device, String command, String result, String note) {
        Instant now = clock.instant();
        String shortNote = note == null || note.length() <= EventLimits.NOTE ? note : note.substring(0, EventLimits.NOTE);
        DeviceEvent event = new DeviceEvent(eventId(command, result), device, EventType.COMMAND_ACK, now, now,
                new CommandAck(command, result, shortNote));
        try {
            return Future.fromCompletionStage(eventLog.append(List.of(new LogEntry(device, event.dedupKey(), EventCodec.encode(event), event.time().toEpochMilli()))), context)
                    .mapEmpty();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
