package io.gridwarden.ingest;

import java.time.Instant;
import java.util.Optional;

/**
 * What one device may hold of the MQTT server, whatever client ids it makes up: so many connections and
 * so many persistent sessions ({@link MqttSessionLimits}). A CONNECT under a client id the device already
 * holds replaces or resumes that session, so it does not count against itself.
 */
final class MqttDeviceQuota {

    /** CONNACK refusal labels (the metric's {@code reason}). */
    static final String CONNECTIONS = "device_connections";
    static final String SESSIONS = "device_sessions";

    private final int maxConnections;
    private final int maxSessions;

    MqttDeviceQuota(MqttSessionLimits limits) {
        this.maxConnections = limits.maxConnectionsPerDevice();
        this.maxSessions = limits.maxSessionsPerDevice();
    }

    /** Why a CONNECT for {@code clientId} would take the device past its quota, given the sessions it holds; empty when it fits. */
    Optional<String> refusal(Iterable<MqttSession> held, String clientId, boolean persistent, Instant now) {
        int connections = 0;
        int sessions = 0;
        for (MqttSession session : held) {
            if (session.clientId().equals(clientId)) {
                continue;
            }
            connections += session.connecting() ? 1 : 0;
            sessions += session.persistent(now) ? 1 : 0;
        }
        if (connections >= maxConnections) {
            return Optional.of(CONNECTIONS);
        }
        return persistent && sessions >= maxSessions ? Optional.of(SESSIONS) : Optional.empty();
    }
}
