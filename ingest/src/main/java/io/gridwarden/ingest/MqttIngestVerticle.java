package io.gridwarden.ingest;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Town;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.time.Clock;
import java.util.Optional;

/**
 * Ingest's MQTT endpoint (3.1.1 and 5): devices CONNECT with username = device id and password =
 * token, PUBLISH events on {@code devices/{id}/events} (QoS 0 or 1; PUBACK only once durable) and
 * SUBSCRIBE to {@code devices/{id}/commands}, through which {@link #deviceSessions()} pushes commands.
 *
 * <p>Sessions follow the protocol ({@link MqttConnectTerms}): a persistent session outlives its
 * connection, keeping the subscription and holding QoS 1 commands for the device's return
 * ({@link MqttDeviceSessions}). With {@link IngestConfig#tls()} set, MQTT over TLS listens on a port of its own,
 * beside plain MQTT unless that is turned off. Not offered: QoS 2 (CONNACK announces Maximum QoS 1; a QoS 2 PUBLISH is
 * disconnected), retained messages and wills (ignored).
 */
public final class MqttIngestVerticle extends VerticleBase {

    /** MQTT 3.1.1 asks servers to accept at least 23; device ids and client libraries' generated ids can be longer. */
    private static final int MAX_CLIENT_ID_LENGTH = 128;
    /** How often stored sessions past their expiry are dropped; until then they are already ignored. */
    private static final long EXPIRY_SWEEP_MILLIS = 30_000;

    private final IngestServices services;
    private final IngestConfig config;
    private final DeviceAuthenticator authenticator;
    private final LoginGuard logins;
    private final MqttDeviceSessions sessions;
    private final MqttMetrics metrics;
    private final MqttEventIntake intake;
    private volatile MqttServer plain;
    private volatile MqttServer secure;
    private long sweepTimer = -1;

    /** A standalone MQTT endpoint with services of its own (tests); its random command secret makes it refuse every ack. */
    public MqttIngestVerticle(IngestConfig config, Town town, RecordLog eventLog, PrometheusRegistry registry) {
        this(config, town, eventLog, registry, Clock.systemUTC());
    }

    MqttIngestVerticle(IngestConfig config, Town town, RecordLog eventLog, PrometheusRegistry registry, Clock clock) {
        this(new IngestServices(config, town, eventLog, registry, IngestGuard.create(config, town, eventLog),
                IngestReadiness.httpAndMqtt(config, eventLog), CommandIds.random(), clock));
    }

    /** One instance of the MQTT endpoint over the process's shared services; deploy as many as there are event loops to use. */
    public MqttIngestVerticle(IngestServices services) {
        this.services = services;
        this.config = services.config();
        this.authenticator = services.authenticator();
        this.logins = services.logins();
        this.sessions = services.sessions();
        this.metrics = services.mqttMetrics();
        this.intake = new MqttEventIntake(config, services.admission(), services.frigate(), services.eventLog(), services.guard(), metrics, services.clock());
    }

    /** The devices' MQTT sessions (shared by every instance over the same services); hand it to alerting. */
    public DeviceSessions deviceSessions() {
        return sessions;
    }

    @Override
    public Future<?> start() {
        Future<MqttServer> plainListening = config.plainMqtt() ? listen(config.mqttPort(), false) : Future.succeededFuture();
        Future<MqttServer> secureListening = config.tls().isPresent() ? listen(config.mqttTlsPort(), true) : Future.succeededFuture();
        return Future.all(plainListening, secureListening).onSuccess(both -> {
            plain = plainListening.result();
            secure = secureListening.result();
            services.readiness().mqttListening();
            sweepTimer = vertx.setPeriodic(EXPIRY_SWEEP_MILLIS, id -> sessions.sweepExpired());
        });
    }

    /** One listener: plain MQTT, or MQTT over TLS with the configured certificate. Both take the same devices the same way. */
    private Future<MqttServer> listen(int port, boolean tls) {
        var options = new MqttServerOptions().setHost(config.host()).setPort(port)
                .setMaxMessageSize(config.maxMqttPacketBytes()).setMaxClientIdLength(MAX_CLIENT_ID_LENGTH);
        if (tls) {
            options.setSsl(true).setKeyCertOptions(DeviceTls.keyCert(config.tls().orElseThrow()));
        }
        return MqttServer.create(vertx, options)
                .endpointHandler(this::onConnect)
                .listen()
                .recover(e -> Future.failedFuture(new IllegalStateException("ingest cannot listen for MQTT" + (tls ? " over TLS" : "")
                        + " on " + config.host() + ":" + port + " (" + e.getMessage() + "); is another broker using the port?", e)));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweepTimer);
        if (plain == null && secure == null) {
            return Future.succeededFuture();
        }
        services.readiness().mqttStopped();
        return Future.all(plain == null ? Future.succeededFuture() : plain.close(), secure == null ? Future.succeededFuture() : secure.close());
    }

    /** The port plain MQTT listens on (useful when configured with port 0). */
    public int actualPort() {
        return listening(plain, "plain MQTT").actualPort();
    }

    /** The port MQTT over TLS listens on (useful when configured with port 0). */
    public int actualTlsPort() {
        return listening(secure, "MQTT over TLS").actualPort();
    }

    private static MqttServer listening(MqttServer server, String what) {
        if (server == null) {
            throw new IllegalStateException("ingest's " + what + " is not listening: deploy the verticle first, and configure it");
        }
        return server;
    }

    private void onConnect(MqttEndpoint endpoint) {
        boolean mqtt5 = endpoint.protocolVersion() >= 5;
        String address = endpoint.remoteAddress() == null ? "an unknown address" : endpoint.remoteAddress().hostAddress();
        if (logins.throttled(LoginGuard.MQTT, address).isPresent()) {
            refuse(endpoint, "login_throttled", mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        Optional<Device> device = authenticator.authenticate(endpoint.auth() == null ? null : endpoint.auth().getPassword());
        if (device.isEmpty()) {
            logins.failed(LoginGuard.MQTT, address, username, endpoint.auth() == null ? "no username and password" : "unknown password");
            refuse(endpoint, "bad_credentials", mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        } else if (!device.get().id().equals(username)) {
            logins.failed(LoginGuard.MQTT, address, username, "the password of another device");
            refuse(endpoint, "not_authorized", mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        } else if (sessions.connected() >= services.mqttConnections().effective() && !sessions.connectedAs(username, endpoint.clientIdentifier())) {
            refuse(endpoint, "server_busy", mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        } else {
            open(endpoint, device.get(), mqtt5);
        }
    }

    private void refuse(MqttEndpoint endpoint, String reason, MqttConnectReturnCode code) {
        metrics.connectionRefused(reason);
        endpoint.reject(code);
    }

    private void open(MqttEndpoint endpoint, Device device, boolean mqtt5) {
        var terms = MqttConnectTerms.of(endpoint.protocolVersion(), endpoint.isCleanSession(), endpoint.connectProperties(),
                config.sessions());
        var opened = sessions.open(device, endpoint.clientIdentifier(), terms);
        if (opened.refused() != null) {
            refuse(endpoint, opened.refused(), mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        MqttSession session = opened.session();
        var connection = new MqttConnection(device, endpoint, context, session, terms.receiveMaximum());
        endpoint.publishHandler(message -> intake.onPublish(connection, message))
                .subscribeHandler(connection::onSubscribe)
                .unsubscribeHandler(connection::onUnsubscribe)
                .publishAcknowledgeMessageHandler(session::acknowledged)
                .disconnectMessageHandler(message -> session.expiry(
                        MqttConnectTerms.expiryOnDisconnect(session.expirySeconds(), message.properties(), config.sessions())))
                .exceptionHandler(failure -> connection.close()) // undecodable or oversized packets
                .closeHandler(v -> {
                    connection.closed();
                    sessions.disconnected(session, connection);
                });
        endpoint.accept(opened.present(), mqtt5 ? connAckProperties(terms) : MqttProperties.NO_PROPERTIES);
        opened.discarded().ifPresent(MqttIngestVerticle::takenOver);
        session.attach(connection).ifPresent(MqttIngestVerticle::takenOver);
    }

    private static void takenOver(MqttConnection replaced) {
        replaced.context().runOnContext(v -> replaced.disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER));
    }

    /** What an MQTT 5 client learns on CONNACK: QoS 1 at most, how many PUBLISHes may await answers, the packet size limit. */
    private MqttProperties connAckProperties(MqttConnectTerms terms) {
        MqttProperties properties = new MqttProperties();
        if (terms.expiryLowered()) {
            properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) terms.expirySeconds()));
        }
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), MqttConnection.MAX_IN_FLIGHT));
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), config.maxMqttPacketBytes()));
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        return properties;
    }
}
