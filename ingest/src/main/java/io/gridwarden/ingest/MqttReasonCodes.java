package io.gridwarden.ingest;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.util.Locale;

/** How a transport-neutral {@link Rejection} reads as an MQTT 5 PUBACK reason code. */
final class MqttReasonCodes {

    private MqttReasonCodes() {}

    static MqttPubAckReasonCode pubAck(Rejection.Reason reason) {
        return switch (reason) {
            case INVALID_EVENTS, INVALID_ALERT, BATCH_TOO_LARGE, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
            case UNAUTHORIZED, UNKNOWN_ALARM_SECRET, FORBIDDEN, NOT_THIS_CAMERA, NOT_COMMAND_TARGET -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            case OVERLOADED, RATE_LIMITED, LOGIN_THROTTLED, PIPELINE_BEHIND, STORAGE_FULL -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
            case LOG_FAILURE, INTERNAL -> MqttPubAckReasonCode.UNSPECIFIED_ERROR;
            // pictures are uploaded over HTTP only; these never reach an MQTT client, mapped for completeness
            case NOT_A_CAMERA, METRICS_FORBIDDEN, SCRAPER_UNAUTHORIZED -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            case EVIDENCE_TOO_LARGE, EVIDENCE_NOT_AN_IMAGE, EVIDENCE_MEDIA_TYPE_MISMATCH -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
            case EVIDENCE_STORE_FULL -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
            case EVIDENCE_DISABLED, EVIDENCE_WRITE_FAILED -> MqttPubAckReasonCode.UNSPECIFIED_ERROR;
        };
    }

    /** The metric label of a refusal: the reason code's name, e.g. {@code payload_format_invalid}. */
    static String label(MqttPubAckReasonCode code) {
        return code.name().toLowerCase(Locale.ROOT);
    }
}
