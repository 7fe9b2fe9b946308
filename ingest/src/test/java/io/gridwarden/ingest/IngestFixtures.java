package io.gridwarden.ingest;

import io.gridwarden.common.town.Town;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Events and credentials of the demo town, as devices send them. */
final class IngestFixtures {

    static final Town TOWN = Town.demo();
    static final String CAMERA = "cam-0001";
    static final String OTHER_CAMERA = "cam-0002";
    static final String CAMERA_TOKEN = "demo-" + CAMERA;
    static final String SINGLE = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private IngestFixtures() {}

    /** A camera's detection of one parked car, seen a second ago. */
    static JsonObject detection(String source, String id) {
        return detection(source, id, new JsonArray().add(0.41).add(0.55).add(0.12).add(0.08));
    }

    static JsonObject detection(String source, String id, JsonArray box) {
        JsonObject car = new JsonObject().put("track", "t-17").put("label", "car").put("confidence", 0.93).put("box", box);
        return new JsonObject()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", source)
                .put("type", "gw.detection")
                .put("time", Instant.now().minusSeconds(1).toString())
                .put("data", new JsonObject().put("objects", new JsonArray().add(car)));
    }

    /** A camera frame showing {@code objects} parked cars, each with its own track. */
    static JsonObject frame(String source, String id, int objects) {
        JsonObject frame = detection(source, id);
        JsonObject car = frame.getJsonObject("data").getJsonArray("objects").getJsonObject(0);
        JsonArray all = new JsonArray();
        for (int i = 0; i < objects; i++) {
            all.add(car.copy().put("track", "t-" + i));
        }
        frame.getJsonObject("data").put("objects", all);
        return frame;
    }

    static JsonObject heartbeat(String source, String id) {
        return new JsonObject()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", source)
                .put("type", "gw.heartbeat")
                .put("time", Instant.now().minusSeconds(1).toString())
                .put("data", new JsonObject());
    }

    static JsonArray batch(JsonObject... events) {
        JsonArray array = new JsonArray();
        for (JsonObject event : events) {
            array.add(event);
        }
        return array;
    }
}
