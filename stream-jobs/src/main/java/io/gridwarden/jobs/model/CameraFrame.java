package io.gridwarden.jobs.model;

import io.gridwarden.common.event.DetectedObject;
import java.util.List;

/**
 * One camera frame as the jobs carry it between operators: every object the camera sees at
 * {@code time} (epoch millis, device clock). An empty list means the camera saw nothing, which is
 * how the jobs learn that an object has left. {@code evidence}: the ref of its stored picture, or null.
 */
public record CameraFrame(String camera, long time, String snapshot, List<DetectedObject> objects, String evidence) {

    /** A frame without a stored picture. */
    public CameraFrame(String camera, long time, String snapshot, List<DetectedObject> objects) {
        this(camera, time, snapshot, objects, null);
    }
}
