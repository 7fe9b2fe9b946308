package io.gridwarden.jobs.model;

/**
 * What reaches a camera's detection besides its frames, keyed by the camera: a dispatcher's action on
 * one of its violations, or a failed voice warning. Exactly one of the two is set.
 */
public record CameraNotice(OperatorAction operation, WarningFailure failure) {

    /**
     * An order for notices of the same instant that does not depend on which arrived first (they come
     * from different upstream operators): by their contents.
     */
    public static final java.util.Comparator<CameraNotice> ORDER = java.util.Comparator.comparing(CameraNotice::toString);

    public static CameraNotice of(OperatorAction operation) {
        return new CameraNotice(operation, null);
    }

    public static CameraNotice of(WarningFailure failure) {
        return new CameraNotice(null, failure);
    }

    /** When it happened (epoch millis, event time). */
    public long time() {
        return operation != null ? operation.time() : failure.time();
    }

    /** The camera whose state it concerns: the operator action's device or the warning's camera. */
    public String camera() {
        return operation != null ? operation.source() : failure.camera();
    }
}
