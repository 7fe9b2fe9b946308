package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;

/** Told how each delivery ended, on alerting's context, once the result is durable. */
public interface DeliveryOutcomes {

    /** The device (or its gateway) took the command through {@code channel}: it is not sent again. */
    void handedOver(String target, Command command, String channel);

    /** The command expired before any device took it. */
    void expired(String target, Command command);

    /** A command without expiry was given up after the maximum number of attempts. */
    void abandoned(String target, Command command, String lastError);
}
