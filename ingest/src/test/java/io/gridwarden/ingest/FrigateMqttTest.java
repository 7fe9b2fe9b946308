package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static io.gridwarden.ingest.MqttFixtures.connected3;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static io.gridwarden.ingest.MqttFixtures.publishQos1;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo town's Frigate NVR nvr-01 on ingest's real MQTT endpoint, through HiveMQ's client. */
@ExtendWith(VertxExtension.class)
@DisplayName("A Frigate NVR over MQTT")
class FrigateMqttTest {

    private static final String NVR = "nvr-01";
    private static final String NVR_TOKEN = "demo-nvr-01";

    private Vertx vertx;
    private RocksRecordLog log;
    private PrometheusRegistry registry;
    private int port;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 4));
        registry = new PrometheusRegistry();
        MqttIngestVerticle verticle = new MqttIngestVerticle(LOOPBACK, IngestFixtures.TOWN, log, registry);
        await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
    }

    @AfterEach
    void closeLog() throws Exception {
        await(vertx.close());
        log.close();
    }

    private static String car(String type, String id, String camera, double frameTime) {
        return FrigateFixtures.car(type, id, camera, frameTime, new int[] {800, 700, 1100, 900}, false);
    }

    @Test
    @DisplayName("Frigate's events become frames of the mapped cameras, once each, holding every live object of the camera")
    void shouldStoreEachFrigateEventOnceAsAFrameOfItsCamera() throws Exception {
        Mqtt5AsyncClient nvr = connected5(port, NVR, NVR_TOKEN);
        double now = Instant.now().getEpochSecond();
        String first = car("new", now + ".1-aaaaaa", "cam-0101", now);

        assertThat(publishQos1(nvr, "frigate/events", first)).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publishQos1(nvr, "frigate/events", first)).as("sent again").isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publishQos1(nvr, "frigate/events", car("new", now + ".2-bbbbbb", "cam-0101", now + 1)))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publishQos1(nvr, "frigate/events", car("end", now + ".1-aaaaaa", "cam-0101", now + 2)))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

        List<DeviceEvent> frames = stored();
        assertThat(frames).extracting(DeviceEvent::source).containsOnly("cam-0101");
        assertThat(frames).extracting(e -> ((Detection) e.data()).objects().stream().map(DetectedObject::track).toList())
                .containsExactlyInAnyOrder(List.of(now + ".1-aaaaaa"), List.of(now + ".1-aaaaaa", now + ".2-bbbbbb"), List.of(now + ".2-bbbbbb"));
        assertThat(scrape()).contains("gridwarden_ingest_mqtt_events_duplicate_total 1.0")
                .contains("gridwarden_ingest_frigate_messages_total{outcome=\"frame\"} 4.0");
    }

    @Test
    @DisplayName("A bad Frigate event is refused as a bad payload and counted by reason; Frigate's other topics are taken and dropped")
    void shouldRefuseBadEventsAndDropFrigatesOtherTopics() throws Exception {
        Mqtt5AsyncClient nvr = connected5(port, NVR, NVR_TOKEN);
        double now = Instant.now().getEpochSecond();

        assertThat(publishQos1(nvr, "frigate/events", car("new", now + ".1-aaaaaa", "cam-0111", now)))
                .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(publishQos1(nvr, "frigate/events", FrigateFixtures.car("new", now + ".1-aaaaaa", "cam-0101", now,
                new int[] {800, 700, 1100, 1200}, false))).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(publishQos1(nvr, "frigate/events", "not json")).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(publishQos1(nvr, "frigate/stats", "{\"service\": {}}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publishQos1(nvr, "frigate/available", "online")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

        assertThat(stored()).isEmpty();
        assertThat(scrape()).contains("gridwarden_ingest_frigate_messages_rejected_total{reason=\"unknown_camera\"} 1.0")
                .contains("gridwarden_ingest_frigate_messages_rejected_total{reason=\"box_outside\"} 1.0")
                .contains("gridwarden_ingest_frigate_messages_rejected_total{reason=\"not_json\"} 1.0")
                .contains("gridwarden_ingest_frigate_messages_total{outcome=\"ignored\"} 1.0")
                .contains("gridwarden_ingest_frigate_messages_total{outcome=\"online\"} 1.0");
    }

    @Test
    @DisplayName("An NVR cannot publish a camera's CloudEvents as that camera, nor outside its own topics")
    void shouldRefuseAnNvrPublishingAsOneOfItsCameras() throws Exception {
        Mqtt5AsyncClient nvr = connected5(port, NVR, NVR_TOKEN);

        assertThat(publishQos1(nvr, MqttTopics.events("cam-0101"), IngestFixtures.detection("cam-0101", "forged-1").encode()))
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(publishQos1(nvr, MqttTopics.events(NVR), IngestFixtures.detection("cam-0101", "forged-2").encode()))
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(publishQos1(nvr, "zigbee2mqtt/bridge", "{}")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(publishQos1(connected5(port, "cam-0101", "demo-cam-0101"), "frigate/events",
                car("new", "1.1-aaaaaa", "cam-0101", Instant.now().getEpochSecond()))).as("a camera is no NVR")
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("Frigate's own client (MQTT 3.1.1, QoS 0) stays connected through its state topics and its events are stored")
    void shouldKeepFrigatesMqtt311ConnectionThroughItsOtherTopics() throws Exception {
        Mqtt3AsyncClient frigate = connected3(port, NVR, NVR_TOKEN);
        double now = Instant.now().getEpochSecond();

        await(frigate.publishWith().topic("frigate/cam-0101/detect/set").retain(true).qos(MqttQos.AT_MOST_ONCE).send());
        await(frigate.publishWith().topic("frigate/cam-0101/car").payload(bytes("1")).qos(MqttQos.AT_MOST_ONCE).send());
        await(frigate.publishWith().topic("frigate/events").payload(bytes(car("new", now + ".1-aaaaaa", "cam-0102", now)))
                .qos(MqttQos.AT_MOST_ONCE).send());

        MqttFixtures.awaitTrue("the frame is stored", () -> log.endOffset(0) + log.endOffset(1) + log.endOffset(2) + log.endOffset(3) == 1);
        assertThat(frigate.getState().isConnected()).isTrue();
        assertThat(stored()).extracting(DeviceEvent::source).containsExactly("cam-0102");
    }

    private List<DeviceEvent> stored() {
        List<DeviceEvent> events = new ArrayList<>();
        for (int p = 0; p < log.partitions(); p++) {
            for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                events.add(EventCodec.decode(record.payload()));
            }
        }
        return events;
    }

    private String scrape() {
        return new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
    }
}
