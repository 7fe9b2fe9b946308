package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.IngestFixtures.frame;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static io.gridwarden.ingest.MqttFixtures.connected3;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static io.gridwarden.ingest.MqttFixtures.publishQos1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ingest's refusals under load over MQTT: quota exceeded for MQTT 5, a closed connection for 3.1.1. */
@ExtendWith(VertxExtension.class)
class IngestGuardMqttTest {

    private static final String EVENTS = MqttTopics.events(CAMERA);

    private Vertx vertx;
    private RocksRecordLog log;
    private int port;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        IngestConfig config = MqttFixtures.LOOPBACK.withLimits(IngestLimits.defaults().withDeviceRate(1, 2).withMaxLagEvents(5));
        var verticle = new MqttIngestVerticle(config, IngestFixtures.TOWN, log, new PrometheusRegistry());
        await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        log.close();
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    @Test
    @DisplayName("An MQTT 5 device over its rate gets PUBACK 0x97 and nothing of that PUBLISH is stored")
    void mqtt5OverRateIsQuotaExceeded() throws Exception {
        var camera = connected5(port, CAMERA, CAMERA_TOKEN);

        assertThat(publishQos1(camera, EVENTS, batch(detection(CAMERA, "m-1"), detection(CAMERA, "m-2"))))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publishQos1(camera, EVENTS, detection(CAMERA, "m-3"))).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);

        assertThat(stored()).isEqualTo(2);
        assertThat(camera.getState().isConnected()).isTrue();
    }

    @Test
    @DisplayName("An MQTT 3.1.1 device over its rate is disconnected and nothing of that PUBLISH is stored")
    void mqtt3OverRateIsDisconnected() throws Exception {
        var camera = connected3(port, CAMERA, CAMERA_TOKEN);
        await(camera.publishWith().topic(EVENTS).qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes(batch(detection(CAMERA, "m-1"), detection(CAMERA, "m-2")).toString())).send());

        var publish = camera.publishWith().topic(EVENTS).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(detection(CAMERA, "m-3").toString())).send();

        assertThatThrownBy(() -> await(publish)).isInstanceOf(ExecutionException.class);
        assertThat(camera.getState().isConnected()).isFalse();
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    @DisplayName("While the jobs lag too far behind an MQTT 5 device gets PUBACK 0x97; acknowledging lets events in again")
    void pipelineBehindIsQuotaExceeded() throws Exception {
        for (int i = 0; i < 6; i++) {
            log.append(List.of(new LogEntry("cam-0009", null, new byte[] {1}))).join();
        }
        var camera = connected5(port, CAMERA, CAMERA_TOKEN);

        assertThat(publishQos1(camera, EVENTS, detection(CAMERA, "l-1"))).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
        assertThat(stored()).isEqualTo(6);

        int partition = log.partitionOf("cam-0009");
        log.acknowledge(partition, log.endOffset(partition));
        assertThat(publishQos1(camera, EVENTS, detection(CAMERA, "l-1"))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("An MQTT 5 PUBLISH refused as invalid is charged: the device's next valid PUBLISH gets 0x97, nothing stored")
    void mqtt5InvalidPublishIsCharged() throws Exception {
        var camera = connected5(port, CAMERA, CAMERA_TOKEN);
        var invalid = batch(heartbeat(CAMERA, "bad-1").put("time", "yesterday"), heartbeat(CAMERA, "bad-2").put("time", "yesterday"));

        assertThat(publishQos1(camera, EVENTS, invalid)).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);

        assertThat(publishQos1(camera, EVENTS, detection(CAMERA, "after"))).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("An MQTT 5 frame with more objects than the town allows gets 0x99 and nothing is stored")
    void mqtt5CrowdedFrameIsPayloadFormatInvalid() throws Exception {
        var camera = connected5(port, CAMERA, CAMERA_TOKEN);

        assertThat(publishQos1(camera, EVENTS, frame(CAMERA, "f-1", IngestFixtures.TOWN.maxObjectsPerFrame() + 1)))
                .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(stored()).isZero();
    }
}
