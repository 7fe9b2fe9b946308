package io.gridwarden.ingest;

import io.gridwarden.common.tls.PemFiles;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ingest's settings, typed; the defaults live here and nowhere else.
 *
 * <p>With {@code tls} set, the HTTP endpoint serves HTTPS only (on {@code httpPort}), and MQTT over TLS listens on
 * {@code mqttTlsPort} beside plain MQTT on {@code mqttPort}; a {@code mqttPort} of {@link #DISABLED} leaves MQTT
 * over TLS alone. Without it, both serve plain text and {@code mqttTlsPort} is unused.
 *
 * @param host               the interface the HTTP and MQTT endpoints bind to
 * @param httpPort           the HTTP (or, with TLS, HTTPS) port; 0 picks a free one (tests)
 * @param mqttPort           the plain MQTT port; 0 picks a free one (tests); {@link #DISABLED} (only with TLS): none
 * @param maxBatchEvents     the most events one request (HTTP body or MQTT payload) may carry
 * @param maxBodyBytes       the largest request body or MQTT payload accepted
 * @param maxMqttConnections the most MQTT sessions held at once; further CONNECTs are refused as busy
 * @param commandAckTimeout  how long a command pushed over MQTT may wait for the device's PUBACK
 * @param limits             rates, lag and connections beyond which ingest refuses ({@link IngestLimits})
 * @param sessions           what MQTT session state is kept for offline devices ({@link MqttSessionLimits})
 * @param tls                the certificate and key the device endpoints serve TLS with; empty: plain text
 * @param mqttTlsPort        the MQTT over TLS port, used when {@code tls} is set; 0 picks a free one (tests)
 * @param browserOrigins     web origins ({@code scheme://host[:port]}) whose pages may post events from a browser (CORS):
 *                           the officer's page on alerting; empty: none ({@link BrowserOrigins})
 */
public record IngestConfig(String host, int httpPort, int mqttPort, int maxBatchEvents, long maxBodyBytes,
                           int maxMqttConnections, Duration commandAckTimeout, IngestLimits limits, MqttSessionLimits sessions,
                           Optional<PemFiles> tls, int mqttTlsPort, List<String> browserOrigins) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_MQTT_PORT = 1883;
    /** The IANA port of MQTT over TLS. */
    public static final int DEFAULT_MQTT_TLS_PORT = 8883;
    /** A port that is not listened on: plain MQTT turned off when devices must use TLS. */
    public static final int DISABLED = -1;
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
        if (tls == null) {
            throw new IllegalArgumentException("tls must be set: Optional.empty() for plain text");
        }
        checkPort("HTTP", httpPort);
        if (mqttPort != DISABLED || tls.isEmpty()) {
            checkPort("MQTT", mqttPort);
        }
        checkPort("MQTT over TLS", mqttTlsPort);
        if (tls.isPresent() && mqttPort != 0 && mqttPort == mqttTlsPort) {
            throw new IllegalArgumentException("plain MQTT and MQTT over TLS need ports of their own, both are " + mqttPort);
        }
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
        browserOrigins = BrowserOrigins.checked(browserOrigins);
    }

    /** Plain-text settings with the default {@link IngestLimits} and {@link MqttSessionLimits}. */
    public IngestConfig(String host, int httpPort, int mqttPort, int maxBatchEvents, long maxBodyBytes, int maxMqttConnections,
            Duration commandAckTimeout) {
        this(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, IngestLimits.defaults(),
                MqttSessionLimits.defaults(), Optional.empty(), DEFAULT_MQTT_TLS_PORT, List.of());
    }

    private static void checkPort(String protocol, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ingest " + protocol + " port must be 0..65535 (0 = any free port)"
                    + (protocol.equals("MQTT") ? ", or -1 for none when MQTT over TLS is on," : "") + " got " + port);
        }
    }

    /** The contract's defaults: HTTP 8080 and MQTT 1883 on every interface, plain text, 1000 events and 1 MiB per request. */
    public static IngestConfig defaults() {
        return new IngestConfig(DEFAULT_HOST, DEFAULT_HTTP_PORT, DEFAULT_MQTT_PORT, DEFAULT_MAX_BATCH_EVENTS,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MQTT_CONNECTIONS, DEFAULT_COMMAND_ACK_TIMEOUT);
    }

    public IngestConfig withHost(String newHost) {
        return new IngestConfig(newHost, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits,
                sessions, tls, mqttTlsPort, browserOrigins);
    }

    public IngestConfig withHttpPort(int port) {
        return new IngestConfig(host, port, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits,
                sessions, tls, mqttTlsPort, browserOrigins);
    }

    public IngestConfig withMqttPort(int port) {
        return new IngestConfig(host, httpPort, port, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits,
                sessions, tls, mqttTlsPort, browserOrigins);
    }

    public IngestConfig withMaxMqttConnections(int max) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, max, commandAckTimeout, limits, sessions, tls,
                mqttTlsPort, browserOrigins);
    }

    public IngestConfig withCommandAckTimeout(Duration timeout) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, timeout, limits, sessions,
                tls, mqttTlsPort, browserOrigins);
    }

    public IngestConfig withLimits(IngestLimits newLimits) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, newLimits,
                sessions, tls, mqttTlsPort, browserOrigins);
    }

    public IngestConfig withSessionLimits(MqttSessionLimits newSessions) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits,
                newSessions, tls, mqttTlsPort, browserOrigins);
    }

    /** TLS on both device endpoints: HTTPS on the HTTP port, MQTT over TLS on {@code tlsPort} (plain MQTT as {@code mqttPort} says). */
    public IngestConfig withTls(PemFiles pem, int tlsPort) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits,
                sessions, Optional.of(pem), tlsPort, browserOrigins);
    }

    /** Lets pages from exactly these origins post events from a browser (the officer's page). */
    public IngestConfig withBrowserOrigins(List<String> origins) {
        return new IngestConfig(host, httpPort, mqttPort, maxBatchEvents, maxBodyBytes, maxMqttConnections, commandAckTimeout, limits,
                sessions, tls, mqttTlsPort, origins);
    }

    /** Whether plain MQTT is listened on (it is not when turned off for TLS only). */
    public boolean plainMqtt() {
        return mqttPort != DISABLED;
    }

    /** Where MQTT listens, for messages: "port 1883", "port 1883 and 8883 (TLS)", "port 8883 (TLS)". */
    String mqttPorts() {
        String secure = tls.isPresent() ? mqttTlsPort + " (TLS)" : null;
        if (!plainMqtt()) {
            return "port " + secure;
        }
        return "port " + mqttPort + (secure == null ? "" : " and " + secure);
    }

    /** The largest MQTT packet the server decodes: a full payload plus headers. Anything larger closes the connection. */
    public int maxMqttPacketBytes() {
        return (int) maxBodyBytes + MQTT_PACKET_OVERHEAD_BYTES;
    }
}
