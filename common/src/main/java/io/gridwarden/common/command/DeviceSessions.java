package io.gridwarden.common.command;

import java.util.concurrent.CompletableFuture;

/**
 * Devices holding a live session (MQTT) through which commands can be pushed on
 * {@code devices/<id>/commands}. Ingest owns the sessions; alerting delivers through this seam, so
 * neither depends on the other. In the embedded default both live in one process; scaled out, an
 * implementation forwards to the ingest instance that holds the device's session.
 */
public interface DeviceSessions {

    /** No live sessions: every command goes by webhook. */
    DeviceSessions NONE = new DeviceSessions() {
        @Override
        public boolean isConnected(String deviceId) {
            return false;
        }

        @Override
        public CompletableFuture<Boolean> publish(String deviceId, byte[] commandJson) {
            return CompletableFuture.completedFuture(false);
        }
    };

    boolean isConnected(String deviceId);

    /**
     * Publishes one command to the device's commands topic. Completes with true once the session
     * took it (at QoS 1: once the device acknowledged it), false when the device is not connected.
     */
    CompletableFuture<Boolean> publish(String deviceId, byte[] commandJson);
}
