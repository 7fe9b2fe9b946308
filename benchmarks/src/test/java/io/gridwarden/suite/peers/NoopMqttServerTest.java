package io.gridwarden.suite.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.suite.mqtt.MqttLoad;
import io.gridwarden.suite.report.RatePoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The no-op MQTT server, the suite's MQTT ceiling")
class NoopMqttServerTest {

    private static final String CAMERA = "cam-0002";
    private static final String EVENTS = "devices/" + CAMERA + "/events";

    private NoopMqttServer noop;
    private Mqtt5BlockingClient client;

    @BeforeEach
    void start() throws Exception {
        noop = NoopMqttServer.start();
        // an id as long as the suite's load uses (longer than MQTT 3.1.1's minimum of 23), and no credentials
        client = MqttClient.builder().useMqttVersion5().identifier(CAMERA + "-bench-" + System.nanoTime()).serverHost("127.0.0.1")
                .serverPort(noop.port()).buildBlocking();
        client.connect();
    }

    @AfterEach
    void stop() {
        client.disconnect();
        noop.close();
    }

    private Mqtt5PubAckReasonCode publishQos1(byte[] payload) {
        Mqtt5PublishResult result = client.publishWith().topic(EVENTS).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
    }

    @Test
    @DisplayName("Publish a load batch of two events at QoS 1 and get a PUBACK once it is parsed")
    void shouldAcknowledgeAParsedBatch() {
        assertThat(publishQos1(new FrameBatches("test").next(CAMERA, 2))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

        assertThat(noop.events()).isEqualTo(2);
        assertThat(noop.invalidPayloads()).isZero();
    }

    @Test
    @DisplayName("Publish a payload that does not parse and get a PUBACK all the same: a ceiling never refuses")
    void shouldCountAndStillAcknowledgeAnInvalidPayload() {
        assertThat(publishQos1("not events".getBytes(StandardCharsets.UTF_8))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

        assertThat(noop.invalidPayloads()).isEqualTo(1);
        assertThat(noop.events()).isZero();
    }

    @Test
    @DisplayName("Subscribe and get a SUBACK granting the QoS asked for")
    void shouldGrantASubscription() {
        var subAck = client.subscribeWith().topicFilter("devices/" + CAMERA + "/commands").qos(MqttQos.AT_LEAST_ONCE).send();

        assertThat(subAck.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
    }

    @Test
    @DisplayName("Publish at QoS 1 over MQTT 3.1.1 and get the PUBACK")
    void shouldAcknowledgeMqtt311() {
        Mqtt3BlockingClient mqtt3 = MqttClient.builder().useMqttVersion3().identifier("mqtt3-" + CAMERA).serverHost("127.0.0.1")
                .serverPort(noop.port()).buildBlocking();
        mqtt3.connect();
        try {
            mqtt3.publishWith().topic(EVENTS).qos(MqttQos.AT_LEAST_ONCE).payload(new FrameBatches("test").next(CAMERA, 2)).send();
        } finally {
            mqtt3.disconnect();
        }

        assertThat(noop.events()).isEqualTo(2);
    }

    @Test
    @DisplayName("Take the suite's load for a second, 100-event batches over 300 sessions (more than connect at once), and acknowledge every batch")
    void shouldHoldALowRateOfTheSuitesLoad() throws InterruptedException {
        List<String> cameras = IntStream.rangeClosed(2, 301).mapToObj(i -> String.format("cam-%04d", i)).toList();

        RatePoint point = new MqttLoad().run(new MqttLoad.Settings("noop", noop.port(), 2000, 100, Duration.ofMillis(500),
                Duration.ofSeconds(1), 64, cameras));

        assertThat(point.failed()).isZero();
        assertThat(point.ackedEventsPerSecond()).isEqualTo(2000);
        assertThat(noop.invalidPayloads()).isZero();
    }
}
