package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.awaitTrue;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.testsupport.RefusingLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one device may hold of the MQTT server, with real clients: connections, persistent sessions, and never another's. */
@ExtendWith(VertxExtension.class)
class MqttDeviceQuotaTest {

    private static final String OFFICER = "off-01";
    private static final String OFFICER_TOKEN = "demo-off-01";
    private static final String CAMERA = IngestFixtures.CAMERA;
    private static final int PER_DEVICE = MqttSessionLimits.DEFAULT_MAX_SESSIONS_PER_DEVICE;
    private static final long ONE_HOUR = 3600;

    private PrometheusRegistry registry;
    private MqttDeviceSessions sessions;
    private int port;

    private void deploy(Vertx vertx, IngestConfig config) throws Exception {
        registry = new PrometheusRegistry();
        var verticle = new MqttIngestVerticle(config, IngestFixtures.TOWN, new RefusingLog(new LogOverloadedException("unused")), registry);
        await(vertx.deployVerticle(verticle));
        sessions = (MqttDeviceSessions) verticle.deviceSessions();
        port = verticle.actualPort();
    }

    private CompletableFuture<Mqtt5ConnAck> connect5(String clientId, String device, String token, long expiry) {
        return MqttFixtures.mqtt5(port, clientId).connectWith().cleanStart(false).sessionExpiryInterval(expiry)
                .simpleAuth().username(device).password(bytes(token)).applySimpleAuth().send();
    }

    private static void assertRefused5(CompletableFuture<Mqtt5ConnAck> connect, Mqtt5ConnAckReasonCode code) {
        assertThatThrownBy(() -> await(connect)).cause().isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(code));
    }

    private String metrics() {
        return new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("A device asking for a 5th persistent session under a new client id gets CONNACK 0x97; its four stay, a clean one still fits")
    void fifthPersistentSessionIsQuotaExceeded(Vertx vertx) throws Exception {
        deploy(vertx, LOOPBACK);
        for (int i = 0; i < PER_DEVICE; i++) {
            Mqtt5AsyncClient client = MqttFixtures.mqtt5(port, OFFICER + "-" + i);
            await(client.connectWith().cleanStart(false).sessionExpiryInterval(ONE_HOUR)
                    .simpleAuth().username(OFFICER).password(bytes(OFFICER_TOKEN)).applySimpleAuth().send());
            await(client.disconnect());
        }
        awaitTrue("four sessions are stored", () -> sessions.stored() == PER_DEVICE);

        assertRefused5(connect5(OFFICER + "-new", OFFICER, OFFICER_TOKEN, ONE_HOUR), Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED);

        assertThat(sessions.stored()).isEqualTo(PER_DEVICE);
        assertThat(await(connect5(OFFICER + "-0", OFFICER, OFFICER_TOKEN, ONE_HOUR)).isSessionPresent()).as("its own resume").isTrue();
        assertThat(await(connect5(OFFICER + "-clean", OFFICER, OFFICER_TOKEN, 0)).getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_connections_refused_total{reason=\"device_sessions\"} 1.0");
    }

    @Test
    @DisplayName("A device's 5th connection at once is refused: MQTT 5 CONNACK 0x97, 3.1.1 server unavailable; other devices still connect")
    void fifthConnectionIsRefused(Vertx vertx) throws Exception {
        deploy(vertx, LOOPBACK);
        for (int i = 0; i < MqttSessionLimits.DEFAULT_MAX_CONNECTIONS_PER_DEVICE; i++) {
            await(connect5(CAMERA + "-" + i, CAMERA, IngestFixtures.CAMERA_TOKEN, 0));
        }

        assertRefused5(connect5(CAMERA + "-5", CAMERA, IngestFixtures.CAMERA_TOKEN, 0), Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED);
        var mqtt3 = MqttFixtures.mqtt3(port, CAMERA + "-6").connectWith().simpleAuth().username(CAMERA)
                .password(bytes(IngestFixtures.CAMERA_TOKEN)).applySimpleAuth().send();
        assertThatThrownBy(() -> await(mqtt3)).cause().isInstanceOfSatisfying(Mqtt3ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE));

        assertThat(await(connect5(OFFICER, OFFICER, OFFICER_TOKEN, 0)).getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_connections_refused_total{reason=\"device_connections\"} 2.0");
    }

    @Test
    @DisplayName("At the global bound of stored sessions, a device going offline loses its own session, never another device's")
    void noDeviceEvictsAnothersSession(Vertx vertx) throws Exception {
        deploy(vertx, LOOPBACK.withSessionLimits(MqttSessionLimits.defaults().withMaxStoredSessions(1)));
        Mqtt5AsyncClient officer = MqttFixtures.mqtt5(port, OFFICER);
        await(officer.connectWith().cleanStart(false).sessionExpiryInterval(60)
                .simpleAuth().username(OFFICER).password(bytes(OFFICER_TOKEN)).applySimpleAuth().send());
        await(officer.subscribeWith().topicFilter(MqttTopics.commands(OFFICER)).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        await(officer.disconnect());
        awaitTrue("the officer's session is stored", () -> sessions.stored() == 1);

        Mqtt5AsyncClient camera = MqttFixtures.mqtt5(port, CAMERA);
        await(camera.connectWith().cleanStart(false).sessionExpiryInterval(ONE_HOUR)
                .simpleAuth().username(CAMERA).password(bytes(IngestFixtures.CAMERA_TOKEN)).applySimpleAuth().send());
        await(camera.subscribeWith().topicFilter(MqttTopics.commands(CAMERA)).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        await(camera.disconnect());
        awaitTrue("the camera is offline and one session dropped", () -> sessions.connected() == 0 && sessions.stored() == 1);

        assertThat(sessions.isConnected(OFFICER)).as("the officer's session, first due to expire, is kept").isTrue();
        assertThat(sessions.isConnected(CAMERA)).as("the camera's own session went").isFalse();
    }
}
