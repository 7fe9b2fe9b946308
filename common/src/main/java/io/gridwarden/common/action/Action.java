package io.gridwarden.common.action;

import java.util.Objects;

/**
 * A decision of the jobs, written to the action log for alerting to carry out: a violation that
 * changed status, or a command to send to a device ({@code target}). {@code id} is deterministic, so
 * replaying the same events yields the same ids and the action log stores each once.
 */
public record Action(String id, Kind kind, Violation violation, String target, Command command) {

    public enum Kind { VIOLATION_UPDATE, COMMAND }

    public Action {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(violation, "violation");
        if (kind == Kind.COMMAND && (command == null || target == null)) {
            throw new IllegalArgumentException("a command action needs a command and a target device");
        }
    }

    public static Action update(Violation violation) {
        return new Action(ActionIds.update(violation.id(), violation.status(), violation.officer()), Kind.VIOLATION_UPDATE, violation, null, null);
    }

    public static Action command(Violation violation, String target, Command command) {
        return new Action(command.id(), Kind.COMMAND, violation, target, command);
    }
}
