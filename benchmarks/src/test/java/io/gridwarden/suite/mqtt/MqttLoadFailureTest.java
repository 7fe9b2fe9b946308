package io.gridwarden.suite.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.suite.peers.NoopMqttServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The MQTT load's reason for a publish that was not acknowledged")
class MqttLoadFailureTest {

    private static final String CAMERA = "cam-0002";

    private NoopMqttServer broker;
    private Mqtt5AsyncClient client;

    @BeforeEach
    void connect() throws Exception {
        broker = NoopMqttServer.start();
        client = MqttClient.builder().useMqttVersion5().identifier(CAMERA + "-bench-" + System.nanoTime()).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        client.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        client.disconnect();
        broker.close();
    }

    private String failureOf(CompletableFuture<Mqtt5PublishResult> publish) throws InterruptedException {
        var reason = new CompletableFuture<String>();
        publish.whenComplete((result, error) -> reason.complete(String.valueOf(MqttLoad.failure(result, error))));
        try {
            return reason.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the publish never completed", e);
        }
    }

    private CompletableFuture<Mqtt5PublishResult> publish() {
        return client.publishWith().topic("devices/" + CAMERA + "/events").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new FrameBatches("test").next(CAMERA, 2)).send();
    }

    @Test
    @DisplayName("Name none for a publish the broker acknowledged")
    void shouldNameNoneForAnAcknowledgedPublish() throws Exception {
        assertThat(failureOf(publish())).isEqualTo("null");
        assertThat(MqttLoad.acknowledged(publish().get(10, TimeUnit.SECONDS), null)).isTrue();
    }

    @Test
    @DisplayName("Name the client's error for a publish on a session that is gone")
    void shouldNameTheClientsErrorForAPublishOnAClosedSession() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);

        assertThat(failureOf(publish())).startsWith("MqttClientStateException").contains("not connected");
    }
}
