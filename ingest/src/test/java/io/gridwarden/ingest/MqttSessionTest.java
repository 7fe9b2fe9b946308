package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.OTHER_CAMERA;
import static io.gridwarden.ingest.MqttFixtures.HOST;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.testsupport.RefusingLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Session lifecycle and limits; none of these tests stores events, so the log is one that refuses. */
@ExtendWith(VertxExtension.class)
class MqttSessionTest {

    private static final String OFFICER = "off-01";
    private static final String OFFICER_TOKEN = "demo-off-01";

    private static MqttIngestVerticle deploy(Vertx vertx, IngestConfig config) throws Exception {
        var verticle = new MqttIngestVerticle(config, IngestFixtures.TOWN,
                new RefusingLog(new LogOverloadedException("unused")), new PrometheusRegistry());
        await(vertx.deployVerticle(verticle));
        return verticle;
    }

    @Test
    @DisplayName("A second connection of the same device takes over: the first is told 0x8E, commands go to the second")
    void newerConnectionReplacesOlder(Vertx vertx) throws Exception {
        var verticle = deploy(vertx, LOOPBACK);
        var firstGone = new CompletableFuture<Throwable>();
        var first = MqttClient.builder().useMqttVersion5().identifier(OFFICER).serverHost(HOST).serverPort(verticle.actualPort())
                .addDisconnectedListener(context -> firstGone.complete(context.getCause())).buildAsync();
        await(first.connectWith().simpleAuth().username(OFFICER).password(bytes(OFFICER_TOKEN)).applySimpleAuth().send());

        var second = connected5(verticle.actualPort(), OFFICER, OFFICER_TOKEN);

        Throwable cause = await(firstGone);
        assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) cause).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
        var received = new CompletableFuture<byte[]>();
        await(second.subscribeWith().topicFilter(MqttTopics.commands(OFFICER)).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.complete(publish.getPayloadAsBytes())).send());
        assertThat(await(verticle.deviceSessions().publish(OFFICER, bytes("{\"id\":\"cmd-2\"}")))).isTrue();
        assertThat(await(received)).isEqualTo(bytes("{\"id\":\"cmd-2\"}"));
    }

    @Test
    @DisplayName("A device may hold a command listener and a publisher under different client ids; neither ends the other")
    void differentClientIdsCoexist(Vertx vertx) throws Exception {
        var verticle = deploy(vertx, LOOPBACK);
        var listenerGone = new CompletableFuture<Throwable>();
        var listener = MqttClient.builder().useMqttVersion5().identifier(OFFICER + "-listener").serverHost(HOST)
                .serverPort(verticle.actualPort()).addDisconnectedListener(context -> listenerGone.complete(context.getCause()))
                .buildAsync();
        await(listener.connectWith().simpleAuth().username(OFFICER).password(bytes(OFFICER_TOKEN)).applySimpleAuth().send());
        var received = new CompletableFuture<byte[]>();
        await(listener.subscribeWith().topicFilter(MqttTopics.commands(OFFICER)).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.complete(publish.getPayloadAsBytes())).send());

        connected5(verticle.actualPort(), OFFICER, OFFICER_TOKEN); // the publisher, client id "off-01"

        assertThat(await(verticle.deviceSessions().publish(OFFICER, bytes("{\"id\":\"cmd-4\"}")))).isTrue();
        assertThat(await(received)).isEqualTo(bytes("{\"id\":\"cmd-4\"}"));
        assertThat(listenerGone).isNotDone();
        assertThat(((MqttDeviceSessions) verticle.deviceSessions()).connected()).isEqualTo(2);
    }

    @Test
    @DisplayName("Beyond the configured number of MQTT sessions a new device is refused as server busy; a reconnect is not")
    void connectionCapRefusesBusy(Vertx vertx) throws Exception {
        var verticle = deploy(vertx, LOOPBACK.withMaxMqttConnections(1));
        connected5(verticle.actualPort(), CAMERA, CAMERA_TOKEN);

        assertThatThrownBy(() -> connected5(verticle.actualPort(), OTHER_CAMERA, "demo-" + OTHER_CAMERA))
                .hasCauseInstanceOf(Mqtt5ConnAckException.class)
                .satisfies(e -> assertThat(((Mqtt5ConnAckException) e.getCause()).getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.SERVER_BUSY));
        // a device already connected may still reconnect: its new session replaces the old one
        connected5(verticle.actualPort(), CAMERA, CAMERA_TOKEN);
        assertThat(((MqttDeviceSessions) verticle.deviceSessions()).connected()).isEqualTo(1);
    }

    @Test
    @DisplayName("A command the device receives but never PUBACKs fails with a timeout, so alerting retries it")
    void unacknowledgedCommandTimesOut(Vertx vertx) throws Exception {
        var verticle = deploy(vertx, LOOPBACK.withCommandAckTimeout(Duration.ofMillis(300)));
        var officer = connected5(verticle.actualPort(), OFFICER, OFFICER_TOKEN);
        var received = new CompletableFuture<byte[]>();
        await(officer.subscribeWith().topicFilter(MqttTopics.commands(OFFICER)).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.complete(publish.getPayloadAsBytes())).manualAcknowledgement(true).send());

        var delivery = verticle.deviceSessions().publish(OFFICER, bytes("{\"id\":\"cmd-3\"}"));

        assertThat(await(received)).isEqualTo(bytes("{\"id\":\"cmd-3\"}"));
        assertThatThrownBy(() -> await(delivery)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }
}
