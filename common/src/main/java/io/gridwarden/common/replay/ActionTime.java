package io.gridwarden.common.replay;

import io.gridwarden.common.action.Action;
import java.time.Instant;

/** When an action happened, in event time: what a replay's window [from, until) is measured in. */
public final class ActionTime {

    private ActionTime() {}

    /** A violation update's {@code updatedAt}, a command's {@code issued}, an ack's and an officer report's {@code at}. */
    public static Instant of(Action action) {
        return switch (action.kind()) {
            case VIOLATION_UPDATE -> action.violation().updatedAt();
            case COMMAND -> action.command().issued() != null ? action.command().issued() : action.violation().updatedAt();
            case COMMAND_ACKED -> action.ack().at();
            case OFFICER_UPDATE -> action.officer().at();
        };
    }

    /** Whether {@code action} happened in [from, until). */
    public static boolean within(Action action, Instant from, Instant until) {
        Instant at = of(action);
        return at != null && !at.isBefore(from) && at.isBefore(until);
    }
}
