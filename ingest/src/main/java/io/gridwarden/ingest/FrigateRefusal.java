package io.gridwarden.ingest;

/**
 * Why a Frigate NVR's message was refused. Each reason is a metric label
 * ({@code gridwarden_ingest_frigate_messages_rejected_total{reason}}) and reads as a {@link Rejection} for the
 * transport: a bad payload (MQTT 5 PUBACK {@code 0x99}; MQTT 3.1.1 closes the connection). Nothing of it is stored.
 */
final class FrigateRefusal extends Exception {

    enum Reason {
        /** The payload is not a JSON object. */
        NOT_JSON("not_json"),
        /** A member Frigate always sends is missing or null. */
        MISSING_FIELD("missing_field"),
        /** A member has the wrong type or an impossible value (an unknown {@code type}, a score above 1, an id with a slash). */
        BAD_FIELD("bad_field"),
        /** The event names a camera the town file does not map for this NVR. */
        UNKNOWN_CAMERA("unknown_camera"),
        /** The box does not lie inside the camera's detect resolution: the town file's resolution is wrong, or the message is. */
        BOX_OUTSIDE("box_outside"),
        /** The frame is stamped more than the allowed clock skew ahead of ingest's clock. */
        FUTURE_TIME("future_time"),
        /** The payload is larger than a Frigate event can be. */
        OVERSIZE("oversize");

        final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    private final Reason reason;

    FrigateRefusal(Reason reason, String detail) {
        super(detail, null, false, false); // a refusal is an answer, not a failure: no stack trace
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** The transport-neutral refusal: every reason is a bad payload (too large, or not a valid Frigate event). */
    Rejection rejection() {
        return Rejection.of(reason == Reason.OVERSIZE ? Rejection.Reason.TOO_LARGE : Rejection.Reason.INVALID_EVENTS,
                "Frigate event refused: " + getMessage());
    }
}
