package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;
import java.time.Instant;
import java.util.Optional;

/** When a command stops being worth sending: its {@code expires}, else its {@code respondBy}. */
public final class Expiry {

    private Expiry() {}

    public static Optional<Instant> deadline(Command command) {
        return Optional.ofNullable(command.expires() != null ? command.expires() : command.respondBy());
    }

    public static boolean isExpired(Command command, Instant now) {
        return deadline(command).map(d -> !d.isAfter(now)).orElse(false);
    }
}
