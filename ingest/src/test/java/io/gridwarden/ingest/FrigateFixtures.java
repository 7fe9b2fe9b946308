package io.gridwarden.ingest;

import io.gridwarden.common.town.FrigateNvr;
import io.gridwarden.testsupport.FrigateMessages;
import java.util.Map;

/**
 * Frigate's {@code frigate/events} messages exactly as its MQTT documentation shows them (docs.frigate.video,
 * "MQTT", Frigate 0.14; the 0.13 page shows the same without {@code sub_label}, {@code ratio} and attributes),
 * with the documentation's comments taken out (they are not JSON), and an NVR that records their camera.
 */
final class FrigateFixtures {

    /** The documented 0.14 message: {@code before} and {@code after} of an update of a person on {@code front_door}. */
    static final String DOCUMENTED_0_14 = """
            {
              "type": "update",
              "before": {
                "id": "1607123955.475377-mxklsc",
                "camera": "front_door",
                "frame_time": 1607123961.837752,
                "snapshot_time": 1607123961.837752,
                "label": "person",
                "sub_label": null,
                "top_score": 0.958984375,
                "false_positive": false,
                "start_time": 1607123955.475377,
                "end_time": null,
                "score": 0.7890625,
                "box": [424, 500, 536, 712],
                "area": 23744,
                "ratio": 2.113207,
                "region": [264, 450, 667, 853],
                "current_zones": ["driveway"],
                "entered_zones": ["yard", "driveway"],
                "thumbnail": null,
                "has_snapshot": false,
                "has_clip": false,
                "stationary": false,
                "motionless_count": 0,
                "position_changes": 2,
                "attributes": {
                  "face": 0.64
                },
                "current_attributes": []
              },
              "after": {
                "id": "1607123955.475377-mxklsc",
                "camera": "front_door",
                "frame_time": 1607123962.082975,
                "snapshot_time": 1607123961.837752,
                "label": "person",
                "sub_label": ["John Smith", 0.79],
                "top_score": 0.958984375,
                "false_positive": false,
                "start_time": 1607123955.475377,
                "end_time": null,
                "score": 0.87890625,
                "box": [432, 496, 544, 854],
                "area": 40096,
                "ratio": 1.251397,
                "region": [218, 440, 693, 915],
                "current_zones": ["yard", "driveway"],
                "entered_zones": ["yard", "driveway"],
                "thumbnail": null,
                "has_snapshot": false,
                "has_clip": false,
                "stationary": false,
                "motionless_count": 0,
                "position_changes": 2,
                "attributes": {
                  "face": 0.86
                },
                "current_attributes": [
                  {
                    "label": "face",
                    "box": [442, 506, 534, 524],
                    "score": 0.86
                  }
                ]
              }
            }
            """;

    /** The documented 0.13 message's {@code after} (its {@code before} is the same object a frame earlier). */
    static final String DOCUMENTED_0_13_AFTER = """
            {
                "id": "1607123955.475377-mxklsc",
                "camera": "front_door",
                "frame_time": 1607123962.082975,
                "snapshot_time": 1607123961.837752,
                "label": "person",
                "top_score": 0.958984375,
                "false_positive": false,
                "start_time": 1607123955.475377,
                "end_time": null,
                "score": 0.87890625,
                "box": [432, 496, 544, 854],
                "area": 40096,
                "region": [218, 440, 693, 915],
                "current_zones": ["yard", "driveway"],
                "entered_zones": ["yard", "driveway"],
                "thumbnail": null,
                "has_snapshot": false,
                "has_clip": false,
                "stationary": false,
                "motionless_count": 0,
                "position_changes": 2
            }
            """;

    /** An NVR whose {@code front_door} is town camera cam-0101, detecting at 1920×1080, with Frigate's API at 10.0.0.5. */
    static final FrigateNvr NVR = new FrigateNvr("nvr-01", "frigate",
            Map.of("front_door", new FrigateNvr.Camera("front_door", "cam-0101", 1920, 1080),
                    "garage", new FrigateNvr.Camera("garage", null, 640, 480)),
            Map.of("motorcycle", "e_bike"), "http://10.0.0.5:5000");

    private FrigateFixtures() {}

    /** A car's message in the documented 0.14 shape ({@link FrigateMessages#car}). */
    static String car(String type, String id, String camera, double frameTime, int[] box, boolean stationary) {
        return FrigateMessages.car(type, id, camera, frameTime, box, stationary);
    }
}
