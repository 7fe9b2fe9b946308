package io.gridwarden.ingest;

import java.time.Duration;

/**
 * How much MQTT session state ingest keeps, typed; the defaults live here and nowhere else. Sessions are
 * held in memory only: they do not survive a restart of ingest, and a device that reconnects then is told
 * "no session present" and subscribes again.
 *
 * @param maxExpiry                the longest a persistent session outlives its connection: an MQTT 5 Session Expiry
 *                                 Interval above it is lowered to it (and CONNACK says so), and an MQTT 3.1.1 session
 *                                 with clean session off, which the protocol keeps forever, is dropped after it
 * @param maxHeldCommands          commands one session holds for its device, queued while it is offline or sent and
 *                                 awaiting a PUBACK; beyond it the oldest is dropped and counted
 * @param maxStoredSessions        persistent sessions kept for offline devices, all devices together; beyond it the
 *                                 device whose disconnect went past it loses its own session due to expire first,
 *                                 never another device's
 * @param maxConnectionsPerDevice  connections one device (all its client ids) may hold at once; a CONNECT beyond is
 *                                 refused (MQTT 5 CONNACK 0x97 quota exceeded, 3.1.1 server unavailable)
 * @param maxSessionsPerDevice     persistent sessions (live or stored) one device may hold under different client ids;
 *                                 a CONNECT asking for one more is refused the same way
 */
public record MqttSessionLimits(Duration maxExpiry, int maxHeldCommands, int maxStoredSessions, int maxConnectionsPerDevice,
                                int maxSessionsPerDevice) {

    public static final Duration DEFAULT_MAX_EXPIRY = Duration.ofHours(24);
    public static final int DEFAULT_MAX_HELD_COMMANDS = 1_000;
    public static final int DEFAULT_MAX_STORED_SESSIONS = 50_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_DEVICE = 4;
    public static final int DEFAULT_MAX_SESSIONS_PER_DEVICE = 4;

    public MqttSessionLimits {
        if (maxExpiry == null || maxExpiry.isNegative() || maxExpiry.toSeconds() < 1) {
            throw new IllegalArgumentException("the MQTT session expiry cap must be at least one second, got " + maxExpiry);
        }
        if (maxHeldCommands < 1) {
            throw new IllegalArgumentException("maxHeldCommands must be at least 1, got " + maxHeldCommands);
        }
        if (maxStoredSessions < 0) {
            throw new IllegalArgumentException("maxStoredSessions must be 0 (no persistent sessions) or more, got " + maxStoredSessions);
        }
        if (maxConnectionsPerDevice < 1 || maxSessionsPerDevice < 0) {
            throw new IllegalArgumentException("a device needs at least one connection and 0 or more persistent sessions, got "
                    + maxConnectionsPerDevice + " and " + maxSessionsPerDevice);
        }
    }

    public static MqttSessionLimits defaults() {
        return new MqttSessionLimits(DEFAULT_MAX_EXPIRY, DEFAULT_MAX_HELD_COMMANDS, DEFAULT_MAX_STORED_SESSIONS,
                DEFAULT_MAX_CONNECTIONS_PER_DEVICE, DEFAULT_MAX_SESSIONS_PER_DEVICE);
    }

    public MqttSessionLimits withMaxExpiry(Duration expiry) {
        return new MqttSessionLimits(expiry, maxHeldCommands, maxStoredSessions, maxConnectionsPerDevice, maxSessionsPerDevice);
    }

    public MqttSessionLimits withMaxHeldCommands(int max) {
        return new MqttSessionLimits(maxExpiry, max, maxStoredSessions, maxConnectionsPerDevice, maxSessionsPerDevice);
    }

    public MqttSessionLimits withMaxStoredSessions(int max) {
        return new MqttSessionLimits(maxExpiry, maxHeldCommands, max, maxConnectionsPerDevice, maxSessionsPerDevice);
    }

    public MqttSessionLimits withPerDevice(int maxConnections, int maxSessions) {
        return new MqttSessionLimits(maxExpiry, maxHeldCommands, maxStoredSessions, maxConnections, maxSessions);
    }
}
