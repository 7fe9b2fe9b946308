package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.HOST;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.awaitTrue;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.testsupport.RefusingLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Persistent sessions (MQTT 3.1.1 clean session off, MQTT 5 Clean Start off with a Session Expiry Interval), with real clients. */
@ExtendWith(VertxExtension.class)
class MqttPersistentSessionTest {

    private static final String OFFICER = "off-01";
    private static final String TOKEN = "demo-off-01";
    private static final String COMMANDS = MqttTopics.commands(OFFICER);
    private static final long ONE_HOUR = 3600;

    private final SettableClock clock = new SettableClock();
    private PrometheusRegistry registry;
    private MqttIngestVerticle verticle;
    private MqttDeviceSessions sessions;
    private int port;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        deploy(vertx, LOOPBACK);
    }

    private void deploy(Vertx vertx, IngestConfig config) throws Exception {
        registry = new PrometheusRegistry();
        var log = new RefusingLog(new LogOverloadedException("unused: these tests store no events"));
        verticle = new MqttIngestVerticle(config, IngestFixtures.TOWN, log, registry, clock);
        await(vertx.deployVerticle(verticle));
        sessions = (MqttDeviceSessions) verticle.deviceSessions();
        port = verticle.actualPort();
    }

    @Test
    @DisplayName("MQTT 5: commands published while a persistent session's device is offline arrive in order on its return, session present")
    void mqtt5OfflineCommandsArriveOnResume() throws Exception {
        Mqtt5AsyncClient first = client5();
        assertThat(await(connect5(first, false, ONE_HOUR)).isSessionPresent()).isFalse();
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        goOffline(first.disconnect());

        assertThat(sessions.isConnected(OFFICER)).as("reachable through its stored session").isTrue();
        for (int i = 1; i <= 3; i++) {
            assertThat(await(sessions.publish(OFFICER, command(i)))).as("held counts as taken").isTrue();
        }

        Mqtt5AsyncClient back = client5();
        BlockingQueue<String> received = receiving(back);
        assertThat(await(connect5(back, false, ONE_HOUR)).isSessionPresent()).isTrue();
        assertThat(next(received)).isEqualTo(text(1));
        assertThat(next(received)).isEqualTo(text(2));
        assertThat(next(received)).isEqualTo(text(3));
        assertThat(await(sessions.publish(OFFICER, command(4)))).as("the subscription survived: PUBACKed live").isTrue();
        assertThat(next(received)).isEqualTo(text(4));
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_commands_total{outcome=\"held\"} 3.0");
    }

    @Test
    @DisplayName("MQTT 3.1.1: with clean session off the subscription and commands published meanwhile survive a disconnect")
    void mqtt3OfflineCommandsArriveOnResume() throws Exception {
        Mqtt3AsyncClient first = client3();
        assertThat(await(connect3(first, false)).isSessionPresent()).isFalse();
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        goOffline(first.disconnect());

        assertThat(await(sessions.publish(OFFICER, command(1)))).isTrue();

        Mqtt3AsyncClient back = client3();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        back.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        assertThat(await(connect3(back, false)).isSessionPresent()).isTrue();
        assertThat(next(received)).isEqualTo(text(1));
    }

    @Test
    @DisplayName("A clean connect discards the stored session: no session present, held commands dropped and counted, no subscription")
    void cleanConnectDiscardsStoredSession() throws Exception {
        Mqtt3AsyncClient first = client3();
        await(connect3(first, false));
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        goOffline(first.disconnect());
        assertThat(await(sessions.publish(OFFICER, command(1)))).isTrue();

        Mqtt3AsyncClient clean = client3();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        clean.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        assertThat(await(connect3(clean, true)).isSessionPresent()).isFalse();

        assertThat(sessions.isConnected(OFFICER)).as("the subscription went with the session").isFalse();
        assertThat(await(sessions.publish(OFFICER, command(2)))).isFalse();
        await(clean.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).send());
        assertThat(await(sessions.publish(OFFICER, command(3)))).isTrue();
        assertThat(next(received)).as("the held command 1 would have come first").isEqualTo(text(3));
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_session_commands_dropped_total{reason=\"clean_start\"} 1.0");
    }

    @Test
    @DisplayName("MQTT 5: a session whose expiry interval passed while offline is gone: commands are refused, no session present")
    void expiredSessionIsDropped() throws Exception {
        Mqtt5AsyncClient first = client5();
        await(connect5(first, false, 60));
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        goOffline(first.disconnect());
        assertThat(await(sessions.publish(OFFICER, command(1)))).isTrue();

        clock.advance(Duration.ofSeconds(61));

        assertThat(sessions.isConnected(OFFICER)).isFalse();
        assertThat(await(sessions.publish(OFFICER, command(2)))).as("alerting falls back to the webhook").isFalse();
        sessions.sweepExpired();
        assertThat(sessions.stored()).isZero();
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_session_commands_dropped_total{reason=\"expired\"} 1.0");
        Mqtt5AsyncClient back = client5();
        BlockingQueue<String> received = receiving(back);
        assertThat(await(connect5(back, false, 60)).isSessionPresent()).isFalse();
        await(back.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).send());
        assertThat(await(sessions.publish(OFFICER, command(3)))).isTrue();
        assertThat(next(received)).isEqualTo(text(3));
    }

    @Test
    @DisplayName("MQTT 5 with no Session Expiry Interval: the session ends with the connection, whatever Clean Start says")
    void mqtt5WithoutExpiryEndsWithConnection() throws Exception {
        Mqtt5AsyncClient first = client5();
        await(connect5(first, false, 0));
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        await(first.disconnect());
        awaitTrue("the server saw the disconnect", () -> sessions.connected() == 0);

        assertThat(sessions.isConnected(OFFICER)).isFalse();
        assertThat(sessions.stored()).isZero();
        assertThat(await(connect5(client5(), false, 0)).isSessionPresent()).isFalse();
    }

    @Test
    @DisplayName("MQTT 5: a QoS 1 command received but not PUBACKed before the connection dropped is sent again on resume")
    void unacknowledgedCommandIsRedelivered() throws Exception {
        Mqtt5AsyncClient first = client5();
        BlockingQueue<String> firstReceived = new LinkedBlockingQueue<>();
        first.publishes(MqttGlobalPublishFilter.ALL, p -> firstReceived.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)), true);
        await(connect5(first, false, ONE_HOUR));
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).send());
        var delivery = sessions.publish(OFFICER, command(1));
        assertThat(next(firstReceived)).isEqualTo(text(1)); // and never acknowledged
        goOffline(first.disconnect());
        assertThat(await(delivery)).as("the session holds it for the device's return").isTrue();

        Mqtt5AsyncClient back = client5();
        BlockingQueue<String> received = receiving(back);
        assertThat(await(connect5(back, false, ONE_HOUR)).isSessionPresent()).isTrue();
        assertThat(next(received)).isEqualTo(text(1));
    }

    @Test
    @DisplayName("MQTT 3.1.1: the resent command carries DUP=1 and its packet id, and comes before commands queued after it")
    void resentCommandIsMarkedDuplicate(Vertx vertx) throws Exception {
        MqttClient first = vertxClient(vertx);
        BlockingQueue<MqttPublishMessage> firstReceived = new LinkedBlockingQueue<>();
        first.publishHandler(firstReceived::add); // never acknowledged: auto-ack is off
        await(first.connect(port, HOST));
        await(first.subscribe(COMMANDS, MqttQos.AT_LEAST_ONCE.getCode())); // completes once sent, not on the SUBACK
        awaitTrue("the server took the subscription", () -> sessions.isConnected(OFFICER));
        var delivery = sessions.publish(OFFICER, command(1));
        MqttPublishMessage original = firstReceived.poll(10, TimeUnit.SECONDS);
        assertThat(original).isNotNull();
        assertThat(original.isDup()).isFalse();
        goOffline(first.disconnect().toCompletionStage().toCompletableFuture());
        assertThat(await(delivery)).isTrue();
        assertThat(await(sessions.publish(OFFICER, command(2)))).isTrue();

        MqttClient back = vertxClient(vertx);
        BlockingQueue<MqttPublishMessage> received = new LinkedBlockingQueue<>();
        back.publishHandler(received::add);
        assertThat(await(back.connect(port, HOST)).isSessionPresent()).isTrue();
        MqttPublishMessage resent = received.poll(10, TimeUnit.SECONDS);
        MqttPublishMessage queued = received.poll(10, TimeUnit.SECONDS);
        assertThat(resent.payload().toString()).isEqualTo(text(1));
        assertThat(resent.isDup()).isTrue();
        assertThat(resent.messageId()).isEqualTo(original.messageId());
        assertThat(queued.payload().toString()).isEqualTo(text(2));
        assertThat(queued.isDup()).isFalse();
    }

    @Test
    @DisplayName("A session holds at most its cap of commands: the oldest is dropped and counted, the rest arrive")
    void heldCommandsAreBounded(Vertx vertx) throws Exception {
        await(vertx.undeploy(vertx.deploymentIDs().iterator().next()));
        deploy(vertx, LOOPBACK.withSessionLimits(MqttSessionLimits.defaults().withMaxHeldCommands(2)));
        Mqtt3AsyncClient first = client3();
        await(connect3(first, false));
        await(first.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        goOffline(first.disconnect());
        for (int i = 1; i <= 3; i++) {
            assertThat(await(sessions.publish(OFFICER, command(i)))).isTrue();
        }

        Mqtt3AsyncClient back = client3();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        back.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        await(connect3(back, false));
        assertThat(next(received)).isEqualTo(text(2));
        assertThat(next(received)).isEqualTo(text(3));
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_session_commands_dropped_total{reason=\"session_full\"} 1.0");
    }

    @Test
    @DisplayName("MQTT 5: a Session Expiry Interval beyond ingest's cap is lowered, and CONNACK says to what")
    void expiryAboveCapIsLowered() throws Exception {
        Mqtt5ConnAck connAck = await(connect5(client5(), false, 0xFFFFFFFFL));

        assertThat(connAck.getSessionExpiryInterval()).hasValue(MqttSessionLimits.DEFAULT_MAX_EXPIRY.toSeconds());
    }

    private void goOffline(java.util.concurrent.CompletableFuture<Void> disconnected) throws Exception {
        await(disconnected);
        awaitTrue("the server stored the session", () -> sessions.stored() == 1);
    }

    /** Vert.x's own MQTT 3.1.1 client: unlike HiveMQ's, it shows the DUP flag and leaves PUBACKs to the test. */
    private static MqttClient vertxClient(Vertx vertx) {
        return MqttClient.create(vertx, new MqttClientOptions().setClientId(OFFICER).setUsername(OFFICER).setPassword(TOKEN)
                .setCleanSession(false).setAutoAck(false));
    }

    private Mqtt5AsyncClient client5() {
        return MqttFixtures.mqtt5(port, OFFICER);
    }

    private Mqtt3AsyncClient client3() {
        return MqttFixtures.mqtt3(port, OFFICER);
    }

    private static java.util.concurrent.CompletableFuture<Mqtt5ConnAck> connect5(Mqtt5AsyncClient client, boolean cleanStart, long expiry) {
        return client.connectWith().cleanStart(cleanStart).sessionExpiryInterval(expiry)
                .simpleAuth().username(OFFICER).password(bytes(TOKEN)).applySimpleAuth().send();
    }

    private static java.util.concurrent.CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck> connect3(
            Mqtt3AsyncClient client, boolean cleanSession) {
        return client.connectWith().cleanSession(cleanSession).simpleAuth().username(OFFICER).password(bytes(TOKEN)).applySimpleAuth().send();
    }

    /** Everything the client receives, subscribed or not: a resumed session delivers before the client could subscribe again. */
    private static BlockingQueue<String> receiving(Mqtt5AsyncClient client) {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        return received;
    }

    private static String next(BlockingQueue<String> received) throws InterruptedException {
        String message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a command arrived").isNotNull();
        return message;
    }

    private static String text(int n) {
        return "{\"id\":\"cmd-" + n + "\"}";
    }

    private static byte[] command(int n) {
        return bytes(text(n));
    }

    private String metrics() {
        return new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
    }
}
