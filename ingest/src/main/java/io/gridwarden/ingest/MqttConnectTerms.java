package io.gridwarden.ingest;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.OptionalLong;

/**
 * What a CONNECT asks of its session, within ingest's {@link MqttSessionLimits}.
 *
 * <p>MQTT 3.1.1: clean session on means a fresh session that ends with the connection; off means resume
 * the stored session, kept after the connection for {@code maxExpiry} (the protocol says forever; memory
 * says otherwise). MQTT 5: Clean Start decides whether a stored session is resumed, and the Session
 * Expiry Interval (absent: 0) how long it outlives the connection, lowered to {@code maxExpiry}.
 *
 * @param cleanStart     discard any stored session of this client id
 * @param expirySeconds  how long the session outlives its connection; 0: it ends with it
 * @param expiryLowered  MQTT 5 asked for longer than ingest keeps sessions: CONNACK must say {@code expirySeconds}
 * @param receiveMaximum how many QoS 1 commands the device takes unacknowledged (MQTT 5 Receive Maximum)
 */
record MqttConnectTerms(boolean cleanStart, long expirySeconds, boolean expiryLowered, int receiveMaximum) {

    /** MQTT 5's default Receive Maximum, and what 3.1.1 (which has none) is treated as. */
    static final int DEFAULT_RECEIVE_MAXIMUM = 65535;

    static MqttConnectTerms of(int protocolVersion, boolean cleanStart, MqttProperties properties, MqttSessionLimits limits) {
        long cap = limits.maxExpiry().toSeconds();
        if (protocolVersion < MqttVersion.MQTT_5.protocolLevel()) {
            return new MqttConnectTerms(cleanStart, cleanStart ? 0 : cap, false, DEFAULT_RECEIVE_MAXIMUM);
        }
        long requested = unsigned(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL).orElse(0);
        int receiveMaximum = (int) unsigned(properties, MqttPropertyType.RECEIVE_MAXIMUM).orElse(DEFAULT_RECEIVE_MAXIMUM);
        return new MqttConnectTerms(cleanStart, Math.min(requested, cap), requested > cap, Math.max(1, receiveMaximum));
    }

    /**
     * The expiry an MQTT 5 DISCONNECT sets: its Session Expiry Interval, within the cap, or {@code current}
     * when it has none. A session that was to end with its connection cannot be given a life after it (MQTT 3.2.2.2).
     */
    static long expiryOnDisconnect(long current, MqttProperties properties, MqttSessionLimits limits) {
        OptionalLong asked = unsigned(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL);
        if (asked.isEmpty() || current == 0) {
            return current;
        }
        return Math.min(asked.getAsLong(), limits.maxExpiry().toSeconds());
    }

    /** MQTT's four-byte integers are unsigned: 0xFFFFFFFF ("never expires") arrives as -1. */
    private static OptionalLong unsigned(MqttProperties properties, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> property = properties == null ? null : properties.getProperty(type.value());
        if (property == null || !(property.value() instanceof Integer value)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Integer.toUnsignedLong(value));
    }
}
