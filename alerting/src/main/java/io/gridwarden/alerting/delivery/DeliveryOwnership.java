package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;

/**
 * Which commands this alerting delivers, when several instances share the action log: each command has exactly
 * one owner at a time, and its owner records every hand-over where the next owner will look before it delivers
 * anything. The embedded default owns every command and records nothing beyond its own store ({@link #ALL}).
 *
 * <p>{@link CommandDelivery} asks {@link #tryBegin} before each attempt (a command not owned is dropped quietly:
 * it stays pending in the store for its owner) and reports the attempt's end with {@link #handedOver} (on a
 * worker, blocking, before the hand-over counts) or {@link #failed}.
 */
public interface DeliveryOwnership {

    /** Owns everything, records nothing: one alerting over the action log. */
    DeliveryOwnership ALL = new DeliveryOwnership() {
        @Override
        public boolean tryBegin(String commandId) {
            return true;
        }

        @Override
        public void handedOver(String target, Command command, String channel) {}

        @Override
        public void failed(String commandId) {}
    };

    /** Whether this instance may attempt the command now; true starts an attempt that must end in one of the two calls below. */
    boolean tryBegin(String commandId);

    /** The device took the command: record it durably for the next owner. Blocking; called on a worker. */
    void handedOver(String target, Command command, String channel);

    /** The attempt failed (or its device is not reachable): nothing to record. */
    void failed(String commandId);
}
