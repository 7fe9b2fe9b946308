package io.gridwarden.jobs.model;

/**
 * What a camera's detection takes on its keyed input: a frame, or a notice (a dispatcher's action, a
 * failed voice warning). One type, so that the keyed stream can be connected to the town versions' broadcast.
 */
public record CameraInput(CameraFrame frame, CameraNotice notice) {

    public static CameraInput of(CameraFrame frame) {
        return new CameraInput(frame, null);
    }

    public static CameraInput of(CameraNotice notice) {
        return new CameraInput(null, notice);
    }

    public String camera() {
        return frame != null ? frame.camera() : notice.camera();
    }
}
