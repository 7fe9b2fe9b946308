package io.gridwarden.launcher;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.json.Json;
import io.gridwarden.simulator.DeviceClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A camera on MQTT 5 (HiveMQ's client): publishes its frames at QoS 1 and listens on its commands topic. */
final class MqttCamera implements AutoCloseable {

    private final String id;
    private final Mqtt5BlockingClient client;

    MqttCamera(String id, int port, Consumer<Command> onCommand) {
        this.id = id;
        this.client = MqttClient.builder().useMqttVersion5().identifier(id + "-e2e").serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connectWith().simpleAuth().username(id).password(DeviceClient.demoToken(id).getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        client.toAsync().subscribeWith().topicFilter("devices/" + id + "/commands").qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> onCommand.accept(Json.fromBytes(publish.getPayloadAsBytes(), Command.class))).send()
                .orTimeout(30, TimeUnit.SECONDS).join(); // a server killed mid-handshake must fail the device, not hang the test
    }

    /** Publishes a batch at QoS 1; returns the PUBACK's reason code (SUCCESS once the batch is durable). */
    String publish(List<DeviceEvent> events) {
        Mqtt5PublishResult result = client.publishWith().topic("devices/" + id + "/events").qos(MqttQos.AT_LEAST_ONCE)
                .payload(DeviceClient.batchOf(events)).send();
        if (result.getError().isPresent()) {
            return "ERROR " + result.getError().get().getMessage();
        }
        return result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1 ? qos1.getPubAck().getReasonCode().name() : "NO_PUBACK";
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
