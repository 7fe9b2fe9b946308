package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.OTHER_CAMERA;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static io.gridwarden.ingest.MqttFixtures.connected3;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static io.gridwarden.ingest.MqttFixtures.publishQos1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.common.metrics.PrometheusText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.junit5.VertxExtension;

@ExtendWith(VertxExtension.class)
class MqttIngestVerticleTest {

    private static final String EVENTS = MqttTopics.events(CAMERA);
    private static final String COMMANDS = MqttTopics.commands(CAMERA);

    private Vertx vertx;
    private RocksRecordLog log;
    private PrometheusRegistry registry;
    private MqttIngestVerticle verticle;
    private int port;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 4));
        registry = new PrometheusRegistry();
        verticle = new MqttIngestVerticle(LOOPBACK, IngestFixtures.TOWN, log, registry);
        await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
    }

    @AfterEach
    void closeLog() throws Exception {
        await(vertx.close());
        log.close();
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    @Test
    @DisplayName("An MQTT 5 camera publishes one event at QoS 1: PUBACK success, and the event reads back from the log")
    void qos1EventIsStoredBeforePubAck() throws Exception {
        Mqtt5AsyncClient camera = connected5(port, CAMERA, CAMERA_TOKEN);

        Mqtt5PubAckReasonCode code = publishQos1(camera, EVENTS, detection(CAMERA, "cam-0001-000001"));

        assertThat(code).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        var records = log.read(log.partitionOf(CAMERA), 0, 10);
        assertThat(records).hasSize(1);
        assertThat(EventCodec.decode(records.get(0).payload()).id()).isEqualTo("cam-0001-000001");
        String metrics = new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
        assertThat(metrics).contains("gridwarden_ingest_mqtt_clients 1.0")
                .contains("gridwarden_ingest_mqtt_events_accepted_total 1.0")
                .contains("gridwarden_ingest_mqtt_puback_latency_seconds_count 1");
    }

    @Test
    @DisplayName("An MQTT 3.1.1 camera publishes a batch at QoS 1: acknowledged and stored whole")
    void mqtt3BatchIsStored() throws Exception {
        Mqtt3AsyncClient camera = connected3(port, CAMERA, CAMERA_TOKEN);

        await(camera.publishWith().topic(EVENTS).qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes(batch(detection(CAMERA, "b-1"), heartbeat(CAMERA, "b-2")).toString())).send());

        assertThat(stored()).isEqualTo(2);
    }

    @Test
    @DisplayName("An MQTT 5 payload that is not a valid CloudEvent gets PUBACK 0x99 and nothing is stored")
    void badPayloadIsRefusedAsPayloadFormatInvalid() throws Exception {
        Mqtt5AsyncClient camera = connected5(port, CAMERA, CAMERA_TOKEN);

        assertThat(publishQos1(camera, EVENTS, "{\"specversion\": \"1.0\"}")).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(publishQos1(camera, EVENTS, "not json")).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("At QoS 0 a good event is stored without an answer, and a bad one is dropped and counted")
    void qos0StoresGoodAndDropsBad() throws Exception {
        Mqtt5AsyncClient camera = connected5(port, CAMERA, CAMERA_TOKEN);

        await(camera.publishWith().topic(EVENTS).qos(MqttQos.AT_MOST_ONCE).payload(bytes("not json")).send());
        await(camera.publishWith().topic(EVENTS).qos(MqttQos.AT_MOST_ONCE).payload(bytes(detection(CAMERA, "q0-1").toString())).send());

        await(log.awaitRecord(log.partitionOf(CAMERA), 0)); // the good event, appended after the bad one was refused
        assertThat(stored()).isEqualTo(1);
        assertThat(new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8))
                .contains("gridwarden_ingest_mqtt_publishes_rejected_total{reason=\"payload_format_invalid\"} 1.0");
    }

    @Test
    @DisplayName("An event with another device's source, or on another device's topic, gets PUBACK 0x87 and nothing is stored")
    void foreignSourceOrTopicIsNotAuthorised() throws Exception {
        Mqtt5AsyncClient camera = connected5(port, CAMERA, CAMERA_TOKEN);

        assertThat(publishQos1(camera, EVENTS, detection(OTHER_CAMERA, "x-1"))).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(publishQos1(camera, MqttTopics.events(OTHER_CAMERA), detection(CAMERA, "x-2")))
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(stored()).isZero();
        // the connection survives refusals: the next good event goes through
        assertThat(publishQos1(camera, EVENTS, detection(CAMERA, "x-3"))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    @DisplayName("A wrong password, or one device's token under another's name, is refused at CONNECT")
    void badCredentialsAreRefusedAtConnect() {
        assertThatThrownBy(() -> connected5(port, CAMERA, "demo-wrong"))
                .hasCauseInstanceOf(Mqtt5ConnAckException.class)
                .satisfies(e -> assertThat(((Mqtt5ConnAckException) e.getCause()).getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
        assertThatThrownBy(() -> connected5(port, OTHER_CAMERA, CAMERA_TOKEN))
                .hasCauseInstanceOf(Mqtt5ConnAckException.class)
                .satisfies(e -> assertThat(((Mqtt5ConnAckException) e.getCause()).getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> connected3(port, CAMERA, "demo-wrong"))
                .hasCauseInstanceOf(Mqtt3ConnAckException.class)
                .satisfies(e -> assertThat(((Mqtt3ConnAckException) e.getCause()).getMqttMessage().getReturnCode())
                        .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
        assertThat(verticle.deviceSessions().isConnected(CAMERA)).isFalse();
    }

    @Test
    @DisplayName("An MQTT 3.1.1 camera sending a bad payload is disconnected and nothing is stored")
    void mqtt3BadPayloadClosesConnection() throws Exception {
        Mqtt3AsyncClient camera = connected3(port, CAMERA, CAMERA_TOKEN);

        var publish = camera.publishWith().topic(EVENTS).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("[{\"id\": 1}]")).send();

        assertThatThrownBy(() -> await(publish)).isInstanceOf(ExecutionException.class);
        assertThat(camera.getState().isConnected()).isFalse();
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("A device may subscribe to its own commands topic (QoS 1 granted) but not to another device's")
    void subscribeOnlyToOwnCommands() throws Exception {
        Mqtt5AsyncClient camera = connected5(port, CAMERA, CAMERA_TOKEN);

        var subAck = MqttFixtures.subscribe(camera, Mqtt5Subscribe.builder()
                .addSubscription().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .addSubscription().topicFilter(MqttTopics.commands(OTHER_CAMERA)).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .addSubscription().topicFilter("devices/+/commands").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .build());

        assertThat(subAck.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1,
                Mqtt5SubAckReasonCode.NOT_AUTHORIZED, Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        Mqtt3AsyncClient officer = connected3(port, "off-01", "demo-off-01");
        var mqtt3Refusal = officer.subscribeWith()
                .addSubscription().topicFilter(MqttTopics.commands("off-01")).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .addSubscription().topicFilter(MqttTopics.commands("off-02")).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .send();
        var thrown = assertThrows(ExecutionException.class, () -> await(mqtt3Refusal));
        var mqtt3SubAck = ((Mqtt3SubAckException) thrown.getCause()).getMqttMessage();
        assertThat(mqtt3SubAck.getReturnCodes()).containsExactly(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1,
                Mqtt3SubAckReturnCode.FAILURE);
    }

    @Test
    @DisplayName("A command published through the device sessions reaches the subscribed device, and completes true on its PUBACK")
    void commandReachesSubscribedDevice() throws Exception {
        Mqtt5AsyncClient officer = connected5(port, "off-01", "demo-off-01");
        var received = new CompletableFuture<String>();
        await(officer.subscribeWith().topicFilter(MqttTopics.commands("off-01")).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.complete(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send());
        String command = "{\"id\": \"cmd-1\", \"type\": \"assignment_cancelled\", \"violation\": \"vio-1\"}";

        assertThat(verticle.deviceSessions().isConnected("off-01")).isTrue();
        boolean delivered = await(verticle.deviceSessions().publish("off-01", bytes(command)));

        assertThat(delivered).isTrue();
        assertThat(await(received)).isEqualTo(command);
    }

    @Test
    @DisplayName("A command for a device that is not connected, not subscribed, or unsubscribed again completes false")
    void commandForAbsentDeviceCompletesFalse() throws Exception {
        assertThat(await(verticle.deviceSessions().publish("off-02", bytes("{}")))).isFalse();

        Mqtt5AsyncClient officer = connected5(port, "off-03", "demo-off-03");
        assertThat(verticle.deviceSessions().isConnected("off-03")).isFalse();
        assertThat(await(verticle.deviceSessions().publish("off-03", bytes("{}")))).isFalse();

        await(officer.subscribeWith().topicFilter(MqttTopics.commands("off-03")).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());
        assertThat(verticle.deviceSessions().isConnected("off-03")).isTrue();
        await(officer.unsubscribeWith().topicFilter(MqttTopics.commands("off-03")).send());
        assertThat(verticle.deviceSessions().isConnected("off-03")).isFalse();
        assertThat(await(verticle.deviceSessions().publish("off-03", bytes("{}")))).isFalse();
    }
}
