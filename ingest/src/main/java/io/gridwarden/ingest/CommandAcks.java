package io.gridwarden.ingest;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.Problem;
import io.gridwarden.common.town.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device acknowledges only the commands sent to it. A command id carries a mac of its recipient
 * under the deployment's command secret ({@link CommandIds}), so the check needs no lookup: an ack of
 * another device's command, of a made-up id or of an id in the old unsigned form is refused whole,
 * before anything is stored. Pure and thread-safe.
 */
final class CommandAcks {

    private final CommandIds commandIds;

    CommandAcks(CommandIds commandIds) {
        this.commandIds = commandIds;
    }

    /** Why the body is refused, if any of its events acknowledges a command that was not sent to {@code device}. */
    Optional<Rejection> refusal(Device device, List<DeviceEvent> events) {
        List<Problem> foreign = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data() instanceof CommandAck ack && !commandIds.isFor(device.id(), ack.command())) {
                foreign.add(new Problem(i, "/data/command", "is not the id of a command sent to " + device.id()));
            }
        }
        if (foreign.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(Rejection.Reason.NOT_COMMAND_TARGET, "event " + foreign.get(0).index()
                + " acknowledges a command that was not sent to " + device.id()
                + "; a device acknowledges only the commands it received, with their ids unchanged", foreign));
    }
}
