package io.gridwarden.common.evidence;

/** Why a picture was not stored; {@link Reason#label} is the metric label and the problem type's last segment. */
public final class EvidenceRefusedException extends RuntimeException {

    /** The kinds of refusal. */
    public enum Reason {
        /** Larger than the store's per-picture bound. */
        TOO_LARGE("evidence-too-large"),
        /** Not a JPEG, a PNG or a WebP by its first bytes. */
        NOT_AN_IMAGE("evidence-not-an-image"),
        /** The declared media type is not what its first bytes are. */
        MEDIA_TYPE_MISMATCH("evidence-media-type-mismatch"),
        /** The store holds its total bound of bytes; space comes back as pictures reach the retention. */
        STORE_FULL("evidence-store-full"),
        /** This process keeps no pictures. */
        DISABLED("evidence-disabled"),
        /** The disk refused the write. */
        WRITE_FAILED("evidence-write-failed");

        public final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    private final Reason reason;

    public EvidenceRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EvidenceRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
