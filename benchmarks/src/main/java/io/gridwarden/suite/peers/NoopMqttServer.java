package io.gridwarden.suite.peers;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.ParsedEvents;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The MQTT ceiling with our own stack, as {@link NoopIngestServer} is for HTTP: a Vert.x MQTT server (3.1.1
 * and 5) that accepts any CONNECT, parses each PUBLISH's payload as ingest does ({@link EventCodec#parse})
 * and answers a QoS 1 PUBLISH with PUBACK at once: no authentication, no topic check, no rate limit, no
 * de-duplication, no log, no fsync. The gap between this and gridwarden's MQTT is what durability and the
 * rest of ingest cost.
 *
 * <p>To stay a ceiling it never refuses: a payload that does not parse is counted
 * ({@link #invalidPayloads()}) and acknowledged all the same. SUBSCRIBE is granted as asked and nothing
 * is ever delivered. QoS 2 is not offered: such a PUBLISH closes the connection, as gridwarden's does.
 */
public final class NoopMqttServer implements AutoCloseable {

    /** Room for a 1 MiB payload (the HTTP no-op's body limit) with the packet's header, topic and properties. */
    private static final int MAX_PACKET_BYTES = (1 << 20) + 1024;
    /** Vert.x's default, MQTT 3.1.1's minimum of 23, is shorter than the load's client ids. */
    private static final int MAX_CLIENT_ID_LENGTH = 128;

    private final Vertx vertx;
    private final LongAdder events = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private MqttServer server;

    private NoopMqttServer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts it on a free loopback port. */
    public static NoopMqttServer start() throws InterruptedException, ExecutionException {
        NoopMqttServer noop = new NoopMqttServer(Vertx.vertx());
        var options = new MqttServerOptions().setHost("127.0.0.1").setPort(0).setMaxMessageSize(MAX_PACKET_BYTES)
                .setMaxClientIdLength(MAX_CLIENT_ID_LENGTH);
        try {
            noop.server = MqttServer.create(noop.vertx, options).endpointHandler(noop::onConnect).listen()
                    .toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException e) {
            noop.close();
            throw e;
        }
        return noop;
    }

    private void onConnect(MqttEndpoint endpoint) {
        endpoint.publishHandler(message -> onPublish(endpoint, message));
        endpoint.subscriptionAutoAck(true); // SUBACK grants what was asked, UNSUBACK follows UNSUBSCRIBE
        endpoint.accept(false);
    }

    private void onPublish(MqttEndpoint endpoint, MqttPublishMessage message) {
        if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
            endpoint.close();
            return;
        }
        ParsedEvents parsed = EventCodec.parse(message.payload().getBytes(), Instant.now());
        if (parsed.valid()) {
            events.add(parsed.events().size());
        } else {
            invalid.increment();
        }
        if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            endpoint.publishAcknowledge(message.messageId());
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** Events in the payloads that parsed, since the start. */
    public long events() {
        return events.sum();
    }

    /** Payloads that did not parse (acknowledged all the same), since the start. */
    public long invalidPayloads() {
        return invalid.sum();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
