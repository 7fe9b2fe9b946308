package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static io.gridwarden.ingest.MqttFixtures.publishQos1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.testsupport.RefusingLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MqttLogFailureTest {

    private static Mqtt5PubAckReasonCode publishOneEvent(Vertx vertx, RecordLog log) throws Exception {
        var verticle = new MqttIngestVerticle(LOOPBACK, IngestFixtures.TOWN, log, new PrometheusRegistry());
        await(vertx.deployVerticle(verticle));
        var camera = connected5(verticle.actualPort(), CAMERA, CAMERA_TOKEN);
        return publishQos1(camera, MqttTopics.events(CAMERA), detection(CAMERA, "e-1"));
    }

    @Test
    @DisplayName("When the log's queue is full an MQTT 5 device is told PUBACK 0x97 (quota exceeded)")
    void overloadedLogIsQuotaExceeded(Vertx vertx) throws Exception {
        assertThat(publishOneEvent(vertx, new RefusingLog(new LogOverloadedException("queue full"))))
                .isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
    }

    @Test
    @DisplayName("When the log fails to write an MQTT 5 device is told PUBACK 0x80, never success")
    void brokenLogIsUnspecifiedError(Vertx vertx) throws Exception {
        assertThat(publishOneEvent(vertx, new RefusingLog(new IllegalStateException("disk gone"))))
                .isEqualTo(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR);
    }

    @Test
    @DisplayName("Deployment fails when the MQTT port is already taken")
    void portTaken(Vertx vertx) throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var verticle = new MqttIngestVerticle(LOOPBACK.withMqttPort(squatter.getLocalPort()), IngestFixtures.TOWN,
                    new RefusingLog(new IllegalStateException("unused")), new PrometheusRegistry());
            assertThatThrownBy(() -> await(vertx.deployVerticle(verticle)))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("cannot listen for MQTT");
        }
    }
}
