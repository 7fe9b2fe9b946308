package io.gridwarden.ingest;

import io.gridwarden.common.town.Device;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One authenticated device's network connection: the answers to its PUBLISHes, sent in the order the
 * PUBLISHes arrived (MQTT 4.6) even though appends complete asynchronously, and the SUBSCRIBEs and
 * UNSUBSCRIBEs it sends, which change its {@link MqttSession}. The session may outlive this connection.
 * Runs on the connection's context.
 */
final class MqttConnection {

    /** PUBLISHes of one connection awaiting their answer; MQTT 5 clients are told this as Receive Maximum. */
    static final int MAX_IN_FLIGHT = 100;
    private static final int MAX_REASON_STRING_CHARS = 200;

    private final Device device;
    private final MqttEndpoint endpoint;
    private final Context context;
    private final MqttSession session;
    private final int receiveMaximum;
    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private volatile boolean closed;
    private Future<?> lastInOrder = Future.succeededFuture();

    /** @param receiveMaximum how many QoS 1 commands the device accepts unacknowledged (its MQTT 5 Receive Maximum) */
    MqttConnection(Device device, MqttEndpoint endpoint, Context context, MqttSession session, int receiveMaximum) {
        this.device = device;
        this.endpoint = endpoint;
        this.context = context;
        this.session = session;
        this.receiveMaximum = receiveMaximum;
    }

    Device device() {
        return device;
    }

    Context context() {
        return context;
    }

    int receiveMaximum() {
        return receiveMaximum;
    }

    boolean mqtt5() {
        return endpoint.protocolVersion() >= MqttVersion.MQTT_5.protocolLevel();
    }

    /**
     * {@code next}, completed no sooner than the one given before it: a PUBLISH whose entries wait (a Frigate frame
     * waiting for its snapshot) keeps its place, so that a camera's frames reach the log in the order sent. Call on
     * the connection's context; as many wait as answers may ({@link #expectAnswer}).
     */
    <T> Future<T> inOrder(Future<T> next) {
        Future<T> ordered = lastInOrder.transform(previous -> next);
        lastInOrder = ordered;
        return ordered;
    }

    /** Reserves the answer slot of a PUBLISH; null (and the connection closed) when too many are unanswered. */
    Answer expectAnswer(MqttPublishMessage message) {
        if (answers.size() >= MAX_IN_FLIGHT) {
            disconnect(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
            return null;
        }
        Answer answer = new Answer(message.messageId(), message.qosLevel());
        answers.add(answer);
        return answer;
    }

    /** Settles a PUBLISH's answer; answers go out once every earlier one has been settled too. */
    void answer(Answer answer, MqttPubAckReasonCode code, String reason) {
        answer.code = code;
        answer.reason = reason;
        while (!answers.isEmpty() && answers.peek().code != null && live()) {
            send(answers.poll());
        }
    }

    private void send(Answer answer) {
        boolean refused = answer.code.isError();
        if (refused && !mqtt5()) {
            close(); // MQTT 3.1.1 has no negative PUBACK: closing is the only way to say no
        } else if (answer.qos == MqttQoS.AT_LEAST_ONCE && mqtt5()) {
            endpoint.publishAcknowledge(answer.messageId, answer.code, reasonString(answer.reason));
        } else if (answer.qos == MqttQoS.AT_LEAST_ONCE) {
            endpoint.publishAcknowledge(answer.messageId);
        } // QoS 0 has no answer: a refusal was counted and dropped
    }

    private static MqttProperties reasonString(String reason) {
        if (reason == null) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties properties = new MqttProperties();
        String text = reason.length() > MAX_REASON_STRING_CHARS ? reason.substring(0, MAX_REASON_STRING_CHARS) : reason;
        properties.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), text));
        return properties;
    }

    /** Writes one command (packet id 0: let the endpoint pick one, QoS 0). Fails, rather than throws, once the connection is gone. */
    Future<Integer> publishCommand(String topic, byte[] payload, MqttQoS qos, boolean dup, int packetId) {
        if (!live()) {
            return Future.failedFuture("the connection of " + device.id() + " is closed");
        }
        try {
            return packetId == 0 ? endpoint.publish(topic, Buffer.buffer(payload), qos, dup, false)
                    : endpoint.publish(topic, Buffer.buffer(payload), qos, dup, false, packetId);
        } catch (RuntimeException e) { // closed between the check and the write
            return Future.failedFuture(e);
        }
    }

    /** Grants the device's own commands topic (at QoS 0 or 1) and refuses every other filter. */
    void onSubscribe(MqttSubscribeMessage message) {
        String own = MqttTopics.commands(device.id());
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        for (MqttTopicSubscription subscription : message.topicSubscriptions()) {
            if (own.equals(subscription.topicName())) {
                MqttQoS granted = subscription.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                session.subscribed(granted);
                codes.add(MqttSubAckReasonCode.qosGranted(granted));
            } else {
                codes.add(mqtt5() ? MqttSubAckReasonCode.NOT_AUTHORIZED : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
            }
        }
        endpoint.subscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
    }

    void onUnsubscribe(MqttUnsubscribeMessage message) {
        List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
        for (String topic : message.topics()) {
            boolean own = topic.equals(MqttTopics.commands(device.id())) && session.unsubscribed();
            codes.add(own ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        if (mqtt5()) {
            endpoint.unsubscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(message.messageId());
        }
    }

    /** MQTT 5: DISCONNECT with a reason first; MQTT 3.1.1: just close. */
    void disconnect(MqttDisconnectReasonCode reason) {
        if (!live()) {
            return;
        }
        if (mqtt5()) {
            closed = true;
            endpoint.disconnect(reason, MqttProperties.NO_PROPERTIES);
        } else {
            close();
        }
    }

    void close() {
        if (live()) {
            closed = true;
            endpoint.close();
        }
    }

    /** False once either side closed the connection: writing to the endpoint would throw. */
    private boolean live() {
        return !closed && endpoint.isConnected();
    }

    /** The connection is gone (from the endpoint's close handler): PUBLISHes still being stored get no answer. */
    void closed() {
        closed = true;
        answers.clear();
    }

    /** The answer slot of one PUBLISH; {@code code} stays null until settled. */
    static final class Answer {
        final int messageId;
        final MqttQoS qos;
        MqttPubAckReasonCode code;
        String reason;

        Answer(int messageId, MqttQoS qos) {
            this.messageId = messageId;
            this.qos = qos;
        }
    }
}
