package io.gridwarden.common.action;

import java.util.Objects;

/**
 * A decision or observation of the jobs, written to the action log for alerting to carry out:
 * <ul>
 *   <li>{@code VIOLATION_UPDATE}: a violation changed status ({@code violation});</li>
 *   <li>{@code COMMAND}: a command to send to a device ({@code target}, {@code command});</li>
 *   <li>{@code COMMAND_ACKED}: a device acknowledged a command ({@code target}, {@code ack}), so
 *       delivery of that command id can stop;</li>
 *   <li>{@code OFFICER_UPDATE}: an officer's position or availability changed ({@code officer}),
 *       for the operations map.</li>
 * </ul>
 * {@code id} is deterministic, so replaying the same events yields the same ids and the action log
 * stores each once.
 */
public record Action(String id, Kind kind, Violation violation, String target, Command command, CommandAck ack,
        OfficerPosition officer) {

    public enum Kind { VIOLATION_UPDATE, COMMAND, COMMAND_ACKED, OFFICER_UPDATE }

    public Action {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case VIOLATION_UPDATE -> Objects.requireNonNull(violation, "a violation update needs the violation");
            case COMMAND -> {
                Objects.requireNonNull(violation, "a command needs its violation");
                if (command == null || target == null) {
                    throw new IllegalArgumentException("a command action needs a command and a target device");
                }
            }
            case COMMAND_ACKED -> {
                if (ack == null || target == null) {
                    throw new IllegalArgumentException("an acknowledgement needs the ack and the device that sent it");
                }
            }
            case OFFICER_UPDATE -> Objects.requireNonNull(officer, "an officer update needs the officer's position");
        }
    }

    public static Action update(Violation violation) {
        return new Action(ActionIds.update(violation.id(), violation.status(), violation.officer(), violation.updatedAt()),
                Kind.VIOLATION_UPDATE, violation,
                null, null, null, null);
    }

    public static Action command(Violation violation, String target, Command command) {
        return new Action(command.id(), Kind.COMMAND, violation, target, command, null, null);
    }

    /** {@code violation} may be null when the jobs do not know which violation the command was about. */
    public static Action acked(String device, CommandAck ack, Violation violation) {
        return new Action(ack.command() + "/ack/" + ack.result(), Kind.COMMAND_ACKED, violation, device, null, ack, null);
    }

    public static Action officer(OfficerPosition position) {
        return new Action("officer/" + position.officer() + "/" + position.at().toEpochMilli(), Kind.OFFICER_UPDATE, null, null, null,
                null, position);
    }

    /** A device's answer to a command, as the action log carries it. */
    public record CommandAck(String command, String result, String note, java.time.Instant at) {}

    /** Where an officer is and whether they can take work, for the operations map. */
    public record OfficerPosition(String officer, String unit, double lat, double lon, String status, java.time.Instant at) {}
}
