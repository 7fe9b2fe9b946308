package io.gridwarden.ingest;

import io.gridwarden.common.event.Problem;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.LogStorageFullException;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Why a request was refused, independent of the transport: HTTP renders it as an RFC 9457 problem,
 * MQTT 5 as a PUBACK reason code ({@link MqttReasonCodes}). Nothing of a refused request is stored.
 *
 * @param problems          the bad events of a 400 or 403, each with its index, field and reason; empty otherwise
 * @param retryAfterSeconds when the client may try again (HTTP {@code Retry-After}); 0 when retrying will not help
 */
record Rejection(Reason reason, String detail, List<Problem> problems, int retryAfterSeconds) {

    /** Seconds a device is asked to wait when the log is saturated. */
    static final int OVERLOAD_RETRY_AFTER_SECONDS = 1;

    /** Seconds a device is asked to wait when the stream jobs have fallen behind: they need a while to catch up. */
    static final int PIPELINE_BEHIND_RETRY_AFTER_SECONDS = 10;

    Rejection {
        problems = List.copyOf(problems);
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative, got " + retryAfterSeconds);
        }
    }

    Rejection(Reason reason, String detail, List<Problem> problems) {
        this(reason, detail, problems, 0);
    }

    static Rejection of(Reason reason, String detail) {
        return new Rejection(reason, detail, List.of());
    }

    static Rejection retryLater(Reason reason, String detail, int retryAfterSeconds) {
        return new Rejection(reason, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    /** Seconds a device is asked to wait when the event log's disk is full: the operator must free space first. */
    static final int STORAGE_FULL_RETRY_AFTER_SECONDS = 10;

    /** Why an append to the event log failed: a saturated log or a full disk asks for a retry, anything else is a log failure. */
    static Rejection ofAppendFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof LogOverloadedException) {
            return retryLater(Reason.OVERLOADED, cause.getMessage() + "; retry after " + OVERLOAD_RETRY_AFTER_SECONDS + " s",
                    OVERLOAD_RETRY_AFTER_SECONDS);
        }
        if (cause instanceof LogStorageFullException) {
            return retryLater(Reason.STORAGE_FULL, "the disk holding the event log is full; nothing was stored. Retry after "
                    + STORAGE_FULL_RETRY_AFTER_SECONDS + " s: ingest takes events again as soon as space is freed", STORAGE_FULL_RETRY_AFTER_SECONDS);
        }
        return of(Reason.LOG_FAILURE, "the event log refused the append; nothing was stored, retry later");
    }

    /** The kinds of refusal; {@code label} is both the metric label and the problem type's last segment. */
    enum Reason {
        INVALID_EVENTS(400, "invalid-events", "The request holds invalid events"),
        INVALID_ALERT(400, "invalid-isapi-alert", "The body is not an ISAPI alert gridwarden can read"),
        UNKNOWN_ALARM_SECRET(401, "unknown-alarm-secret", "The alarm-host URL names no camera of this town"),
        NOT_THIS_CAMERA(403, "alert-not-from-camera", "The alert's MAC address or serial is not the camera's"),
        BATCH_TOO_LARGE(400, "batch-too-large", "The batch holds too many events"),
        UNAUTHORIZED(401, "unauthorized", "Missing or unknown device credentials"),
        FORBIDDEN(403, "source-mismatch", "An event's source is not the authenticated device"),
        NOT_COMMAND_TARGET(403, "not-command-target", "An acknowledgement names a command sent to another device"),
        TOO_LARGE(413, "body-too-large", "The request body is too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
        RATE_LIMITED(429, "rate-limited", "The device sends more events than its rate allows"),
        LOGIN_THROTTLED(429, "login-throttled", "Too many failed logins from this address"),
        OVERLOADED(503, "overloaded", "The event log is saturated"),
        PIPELINE_BEHIND(503, "pipeline-behind", "The stream jobs have fallen behind"),
        STORAGE_FULL(503, "storage-full", "The event log's disk is full"),
        LOG_FAILURE(500, "log-failure", "The events could not be stored"),
        INTERNAL(500, "internal-error", "Unexpected error in ingest"),
        NOT_A_CAMERA(403, "not-a-camera", "Only cameras send pictures"),
        METRICS_FORBIDDEN(403, "metrics-forbidden", "Only operators with role metrics or admin read /metrics"),
        /** /metrics without an operator's token: the type the operations port gives for the same mistake. */
        SCRAPER_UNAUTHORIZED(401, "unauthorized", "Missing or unknown operator token"),
        EVIDENCE_TOO_LARGE(413, "evidence-too-large", "The picture is too large"),
        EVIDENCE_NOT_AN_IMAGE(415, "evidence-not-an-image", "The picture is not a JPEG or PNG"),
        EVIDENCE_MEDIA_TYPE_MISMATCH(415, "evidence-media-type-mismatch", "The picture is not of its Content-Type"),
        EVIDENCE_STORE_FULL(507, "evidence-store-full", "The evidence store is full"),
        EVIDENCE_DISABLED(501, "evidence-disabled", "This ingest keeps no pictures"),
        EVIDENCE_WRITE_FAILED(500, "evidence-write-failed", "The picture could not be stored");

        private static final String TYPE_PREFIX = "urn:gridwarden:problem:";

        final int status;
        final String label;
        final String title;

        Reason(int status, String label, String title) {
            this.status = status;
            this.label = label;
            this.title = title;
        }

        /** The problem's {@code type}: a stable URN per refusal, documented in the API description. */
        String type() {
            return TYPE_PREFIX + label;
        }
    }
}
