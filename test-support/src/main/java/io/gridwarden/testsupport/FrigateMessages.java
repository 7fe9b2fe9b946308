package io.gridwarden.testsupport;

import java.util.Locale;

/**
 * Messages of a Frigate NVR's {@code frigate/events} topic in the shape Frigate's MQTT documentation shows
 * (docs.frigate.video, "MQTT", Frigate 0.14), for the tests of ingest and of the whole process.
 */
public final class FrigateMessages {

    private FrigateMessages() {}

    /**
     * A message in the documented 0.14 shape about a car (Frigate's own event id and camera name given), at
     * {@code frameTime} seconds, with its {@code after} box in pixels; an {@code end} ends one second later.
     */
    public static String car(String type, String id, String camera, double frameTime, int[] box, boolean stationary) {
        String after = String.format(Locale.ROOT, """
                {"id": "%s", "camera": "%s", "frame_time": %.6f, "snapshot_time": %.6f, "label": "car", "sub_label": null,
                 "top_score": 0.91, "false_positive": false, "start_time": %.6f, "end_time": %s, "score": 0.84,
                 "box": [%d, %d, %d, %d], "area": 60000, "ratio": 1.5, "region": [0, 320, 1920, 1080],
                 "current_zones": ["street"], "entered_zones": ["street"], "thumbnail": null, "has_snapshot": true,
                 "has_clip": false, "stationary": %s, "motionless_count": %d, "position_changes": 0,
                 "attributes": {}, "current_attributes": []}""", id, camera, frameTime, frameTime, frameTime - 5,
                        type.equals("end") ? String.format(Locale.ROOT, "%.6f", frameTime + 1) : "null",
                        box[0], box[1], box[2], box[3], stationary, stationary ? 50 : 0);
        return "{\"type\": \"" + type + "\", \"before\": " + after + ", \"after\": " + after + "}";
    }
}
