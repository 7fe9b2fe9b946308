package io.gridwarden.ingest;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPubAckMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Commands pushed to one device on its commands topic. At QoS 1 a command counts as delivered when
 * the device's PUBACK for it arrives; at QoS 0 (the device subscribed so) once it is written.
 * Runs on the connection's context: {@link MqttDeviceSessions} hops there before calling.
 */
final class MqttCommandChannel {

    private static final int MAX_PACKET_ID = 65535;

    /** @param outcomes told "delivered", "refused", "timeout" or "disconnected" for each command, for metrics */
    record Settings(Duration ackTimeout, Consumer<String> outcomes) {}

    private final MqttEndpoint endpoint;
    private final String topic;
    private final Context context;
    private final Settings settings;
    private final Map<Integer, Pending> awaitingAck = new HashMap<>();
    private int lastPacketId;

    MqttCommandChannel(MqttEndpoint endpoint, String topic, Context context, Settings settings) {
        this.endpoint = endpoint;
        this.topic = topic;
        this.context = context;
        this.settings = settings;
    }

    /** Publishes one command at the granted QoS; {@code result} completes as {@link io.gridwarden.common.command.DeviceSessions#publish} says. */
    void send(byte[] commandJson, MqttQoS qos, CompletableFuture<Boolean> result) {
        if (qos == MqttQoS.AT_MOST_ONCE) {
            endpoint.publish(topic, Buffer.buffer(commandJson), qos, false, false)
                    .onSuccess(id -> settle(result, "delivered", true))
                    .onFailure(e -> settle(result, "disconnected", false));
            return;
        }
        int packetId = nextPacketId();
        if (packetId < 0) {
            result.completeExceptionally(new IllegalStateException("65535 commands to this device await a PUBACK; retry later"));
            return;
        }
        long timer = context.owner().setTimer(settings.ackTimeout().toMillis(), t -> timedOut(packetId));
        awaitingAck.put(packetId, new Pending(result, timer));
        endpoint.publish(topic, Buffer.buffer(commandJson), qos, false, false, packetId)
                .onFailure(e -> finish(packetId, "disconnected", p -> p.result.complete(false)));
    }

    /** A PUBACK from the device: MQTT 5 devices may refuse a command with an error reason code. */
    void acknowledged(MqttPubAckMessage ack) {
        if (ack.code() != null && ack.code().isError()) {
            finish(ack.messageId(), "refused", p -> p.result.completeExceptionally(new IllegalStateException(
                    "the device refused the command with PUBACK reason " + ack.code() + "; it will be retried")));
        } else {
            finish(ack.messageId(), "delivered", p -> p.result.complete(true));
        }
    }

    /** Commands still awaiting a PUBACK are reported not delivered, so the sender falls back to the webhook. */
    void connectionClosed() {
        for (Integer packetId : awaitingAck.keySet().toArray(Integer[]::new)) {
            finish(packetId, "disconnected", p -> p.result.complete(false));
        }
    }

    private void timedOut(int packetId) {
        finish(packetId, "timeout", p -> p.result.completeExceptionally(new TimeoutException("device did not PUBACK the command within "
                + settings.ackTimeout().toMillis() + " ms; it will be retried")));
    }

    private void finish(int packetId, String outcome, Consumer<Pending> completion) {
        Pending pending = awaitingAck.remove(packetId);
        if (pending != null) {
            context.owner().cancelTimer(pending.timer);
            settings.outcomes().accept(outcome);
            completion.accept(pending);
        }
    }

    private void settle(CompletableFuture<Boolean> result, String outcome, boolean delivered) {
        settings.outcomes().accept(outcome);
        result.complete(delivered);
    }

    /** The next packet id not awaiting a PUBACK, or -1 when all are. */
    private int nextPacketId() {
        for (int tries = 0; tries < MAX_PACKET_ID; tries++) {
            lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
            if (!awaitingAck.containsKey(lastPacketId)) {
                return lastPacketId;
            }
        }
        return -1;
    }

    private record Pending(CompletableFuture<Boolean> result, long timer) {}
}
