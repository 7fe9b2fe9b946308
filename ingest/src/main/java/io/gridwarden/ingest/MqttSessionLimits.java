package io.gridwarden.ingest;

import java.time.Duration;

/**
 * How much MQTT session state ingest keeps for devices that are offline, typed; the defaults live here
 * and nowhere else. Sessions are held in memory only: they do not survive a restart of ingest, and a
 * device that reconnects then is told "no session present" and subscribes again.
 *
 * @param maxExpiry        the longest a persistent session outlives its connection: an MQTT 5 Session Expiry
 *                         Interval above it is lowered to it (and CONNACK says so), and an MQTT 3.1.1 session
 *                         with clean session off, which the protocol keeps forever, is dropped after it
 * @param maxHeldCommands  commands one session holds for its device, queued while it is offline or sent and
 *                         awaiting a PUBACK; beyond it the oldest is dropped and counted
 * @param maxStoredSessions persistent sessions kept for offline devices; beyond it the one due to expire
 *                         first is dropped and counted
 */
public record MqttSessionLimits(Duration maxExpiry, int maxHeldCommands, int maxStoredSessions) {

    public static final Duration DEFAULT_MAX_EXPIRY = Duration.ofHours(24);
    public static final int DEFAULT_MAX_HELD_COMMANDS = 1_000;
    public static final int DEFAULT_MAX_STORED_SESSIONS = 50_000;

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
    }

    public static MqttSessionLimits defaults() {
        return new MqttSessionLimits(DEFAULT_MAX_EXPIRY, DEFAULT_MAX_HELD_COMMANDS, DEFAULT_MAX_STORED_SESSIONS);
    }

    public MqttSessionLimits withMaxExpiry(Duration expiry) {
        return new MqttSessionLimits(expiry, maxHeldCommands, maxStoredSessions);
    }

    public MqttSessionLimits withMaxHeldCommands(int max) {
        return new MqttSessionLimits(maxExpiry, max, maxStoredSessions);
    }

    public MqttSessionLimits withMaxStoredSessions(int max) {
        return new MqttSessionLimits(maxExpiry, maxHeldCommands, max);
    }
}
