package io.gridwarden.jobs.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What a camera's detection takes on its keyed input: a frame, or a notice (a dispatcher's action, a
 * failed voice warning). One type, so that the keyed stream can be connected to the town versions' broadcast.
 * Serialized by {@link CameraInputSerializer}, which reads the strings frames repeat as one instance each.
 */
@TypeInfo(CameraInputType.Factory.class)
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
