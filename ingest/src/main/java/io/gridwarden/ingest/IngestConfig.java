package io.gridwarden.ingest;

import java.time.Duration;

/**
 * Ingest's settings, typed; the defaults live here and nowhere else.
 *
 * @param host               the interface the HTTP and MQTT endpoints bind to
 * @param httpPort           the HTTP port; 0 picks a free one (tests)
 * @param mqttPort           the MQTT port; 0 picks a free one (tests)
 * @param maxBatchEvents     the most events one request (HTTP body or MQTT payload) may carry
 * @param maxBodyBytes       the largest request body or MQTT payload accepted
 * @param maxMqttConnections the most MQTT sessions held at once; further CONNECTs are refused as busy
 * @param commandAckTimeout  how long a command pushed over MQTT may wait for the device's PUBACK
 * @param limits             rates, lag and connections beyond which ingest refuses ({@link IngestLimits})
 * @param sessions           what MQTT session state is kept for offline devices ({@link MqttSessionLimits})
 */
public record IngestConfig(String host, int httpPort, int mqttPort, int maxBatchEvents, long maxBodyBytes,
                           int maxMqttConnections, Duration commandAckTimeout, IngestLimits limits, MqttSessionLimits sessions) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_MQTT_CONNECTIONS = 50_000;
    public static final Duration DEFAULT_COMMAND_ACK_TIMEOUT = Duration.ofSeconds(10);
    /** Room for an MQTT packet's fixed header, topic and properties around a payload of {@code maxBodyBytes}. */
    static final int MQTT_PACKET_OVERHEAD_BYTES = 64 * 1024;

    public IngestConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ingest host must be set, e.g. " + DEFAULT_HOST);
        }
        checkPort("HTTP", httpPort);
        checkPort("MQTT", mqttPort);
        if (maxBatchEvents < 1) {
            throw new IllegalArgumentException("maxBatchEvents must be positive, got " + maxBatchEvents);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - MQTT_PACKET_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be positive and below 2 GiB, got " + maxBodyBytes);
        }
        if (maxMqttConnections < 1) {
            throw new IllegalArgumentException("maxMqttConnections must be positive, got " + maxMqttConnections);
        }
        if (commandAckTimeout == null || commandAckTimeout.isNegative() || commandAckTimeout.isZero()) {
            throw new IllegalArgumentException("commandAckTimeout must be a positive duration, got " + commandAckTimeout);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must be set, e.g. IngestLimits.defaults()");
        }
        if (sessions == null) {
            throw new IllegalArgumentException("sessions must be set, e.g. MqttSessionLimits.defaults()");
        }
    }

    /** Settings with the default {@link IngestLimits} and {@link MqttSessionLimits}. */
    public IngestConfig(String host, int httpPort, int mqttPort, int maxBatchEvents, long maxBodyBytes, int maxMqttConnections,
            Duration commandAckTimeout) {
        this(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, IngestLimits.defaults(),
                MqttSessionLimits.defaults());
    }

    private static void checkPort(String protocol, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ingest " + protocol + " port must be 0..65535 (0 = any free port), got " + port);
        }
    }

    /** The contract's defaults: HTTP 8080 and MQTT 1883 on every interface, 1000 events and 1 MiB per request. */
    public static IngestConfig defaults() {
        return new IngestConfig(DEFAULT_HOST, DEFAULT_HTTP_PORT, DEFAULT_MQTT_PORT, DEFAULT_MAX_BATCH_EVENTS,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MQTT_CONNECTIONS, DEFAULT_COMMAND_ACK_TIMEOUT);
    }

    public IngestConfig withHost(String newHost) {
        return new IngestConfig(newHost, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits, sessions);
    }

    public IngestConfig withHttpPort(int port) {
        return new IngestConfig(host, port, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits, sessions);
    }

    public IngestConfig withMqttPort(int port) {
        return new IngestConfig(host, httpPort, port, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits, sessions);
    }

    public IngestConfig withMaxMqttConnections(int max) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, max, commandAckTimeout, limits, sessions);
    }

    public IngestConfig withCommandAckTimeout(Duration timeout) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, timeout, limits, sessions);
    }

    public IngestConfig withLimits(IngestLimits newLimits) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, newLimits, sessions);
    }

    public IngestConfig withSessionLimits(MqttSessionLimits newSessions) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits, newSessions);
    }

    /** The largest MQTT packet the server decodes: a full payload plus headers. Anything larger closes the connection. */
    public int maxMqttPacketBytes() {
        return (int) maxBodyBytes + MQTT_PACKET_OVERHEAD_BYTES;
    }
}
