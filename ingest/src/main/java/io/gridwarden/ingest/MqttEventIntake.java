package io.gridwarden.ingest;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.RecordLog;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events arriving by MQTT PUBLISH on {@code devices/{id}/events}: the same admission as HTTP
 * ({@link EventAdmission}), appended to the event log, and answered only once durable. A Frigate NVR's
 * messages under its topic prefix take {@link FrigateAdmission} instead, and the same way on. A refused
 * PUBLISH stores nothing; MQTT 5 learns why from the PUBACK reason code, MQTT 3.1.1 is disconnected.
 */
final class MqttEventIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MqttEventIntake.class);

    private final MeteredAdmission admission;
    private final FrigateAdmission frigate;
    private final IngestGuard guard;
    private final RecordLog eventLog;
    private final MqttMetrics metrics;
    private final Clock clock;
    private final long maxPayloadBytes;

    MqttEventIntake(IngestConfig config, MeteredAdmission admission, FrigateAdmission frigate, RecordLog eventLog, IngestGuard guard,
            MqttMetrics metrics, Clock clock) {
        this.admission = admission;
        this.frigate = frigate;
        this.guard = guard;
        this.eventLog = eventLog;
        this.metrics = metrics;
        this.clock = clock;
        this.maxPayloadBytes = config.maxBodyBytes();
    }

    void onPublish(MqttConnection connection, MqttPublishMessage message) {
        long receivedNanos = System.nanoTime();
        if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) { // not offered (CONNACK says Maximum QoS 1)
            metrics.rejected("qos_not_supported");
            connection.disconnect(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED);
            return;
        }
        MqttConnection.Answer answer = connection.expectAnswer(message);
        if (answer == null) {
            metrics.rejected("receive_maximum_exceeded");
            return;
        }
        boolean fromFrigate = frigate.handles(connection.device(), message.topicName());
        Optional<Rejection> refusal = fromFrigate ? Optional.empty() : topicRefusal(connection, message.topicName());
        if (refusal.isEmpty() && message.payload().length() > maxPayloadBytes) {
            refusal = Optional.of(Rejection.of(Rejection.Reason.TOO_LARGE,
                    "a payload may be at most " + maxPayloadBytes + " bytes; split the batch"));
        }
        if (refusal.isPresent()) {
            guard.chargeRefused(connection.device().id(), message.payload().length(), 1);
        } else {
            refusal = guard.pipelineBehind();
        }
        if (refusal.isPresent()) {
            refuse(connection, answer, refusal.get());
            return;
        }
        byte[] payload = message.payload().getBytes();
        if (fromFrigate) { // may wait for the event's snapshot (bounded), in order, then goes on on the connection's context
            Context context = connection.context();
            connection.inOrder(frigate.admit(connection.device(), message.topicName(), payload, clock.instant(), context.owner())).onSuccess(admitted -> {
                if (Vertx.currentContext() == context) {
                    store(connection, answer, admitted, receivedNanos);
                } else {
                    context.runOnContext(v -> store(connection, answer, admitted, receivedNanos));
                }
            }).onFailure(failure -> context.runOnContext(v -> refuse(connection, answer, appendFailure(failure))));
        } else {
            store(connection, answer, admission.admit(connection.device(), BodyShape.EITHER, payload, clock.instant()), receivedNanos);
        }
    }

    private void store(MqttConnection connection, MqttConnection.Answer answer, EventAdmission.Admission admitted, long receivedNanos) {
        if (!admitted.accepted()) {
            refuse(connection, answer, admitted.rejection());
        } else if (admitted.entries().isEmpty()) {
            acknowledge(connection, answer, new AppendResult(0, 0), receivedNanos);
        } else {
            append(admitted.entries(), connection.context()).onComplete(
                    result -> acknowledge(connection, answer, result, receivedNanos),
                    failure -> refuse(connection, answer, appendFailure(failure)));
        }
    }

    private static Optional<Rejection> topicRefusal(MqttConnection connection, String topic) {
        String own = MqttTopics.events(connection.device().id());
        if (own.equals(topic)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(Rejection.Reason.FORBIDDEN, "a device publishes its events on " + own + " only, not " + topic));
    }

    private Future<AppendResult> append(List<LogEntry> entries, Context context) {
        CompletableFuture<AppendResult> appended;
        try {
            appended = eventLog.append(entries);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(appended, context);
    }

    private void acknowledge(MqttConnection connection, MqttConnection.Answer answer, AppendResult result, long receivedNanos) {
        metrics.stored(result);
        if (answer.qos == MqttQoS.AT_LEAST_ONCE) {
            metrics.pubAcked(receivedNanos);
        }
        connection.answer(answer, MqttPubAckReasonCode.SUCCESS, null);
    }

    private void refuse(MqttConnection connection, MqttConnection.Answer answer, Rejection rejection) {
        MqttPubAckReasonCode code = MqttReasonCodes.pubAck(rejection.reason());
        metrics.rejected(MqttReasonCodes.label(code));
        connection.answer(answer, code, rejection.detail());
    }

    private static Rejection appendFailure(Throwable failure) {
        Rejection rejection = Rejection.ofAppendFailure(failure);
        if (rejection.reason() == Rejection.Reason.LOG_FAILURE) {
            LOG.error("appending to the event log failed", failure);
        }
        return rejection;
    }
}
