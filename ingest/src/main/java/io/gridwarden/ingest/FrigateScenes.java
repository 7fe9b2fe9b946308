package io.gridwarden.ingest;

import io.gridwarden.common.event.DetectedObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each camera of the town's Frigate NVRs shows now: the objects Frigate tracks on it, each as of its latest
 * message. Frigate reports one object per message, but a gridwarden frame lists every object the camera sees (an
 * object missing from frames is on its way out), so each message becomes a frame of all the camera's live objects.
 * An object leaves on its {@code end} message. Shared by every MQTT endpoint instance; thread-safe.
 *
 * <p>Bounded twice. Frigate publishes each tracked object at least once a minute, so an object not heard of for
 * {@link #STALE_AFTER} (by the camera's frame times) was lost without an end, as when Frigate restarts, and is left
 * out. And a camera holds at most {@code maxObjectsPerCamera} objects (the town's {@code maxObjectsPerFrame}): one
 * more drops the object heard of longest ago. Kept in memory: after a restart of ingest, a camera's frames show the
 * objects heard of since, each again from its next message (at most a minute away).
 */
final class FrigateScenes {

    /** Frigate's "update at least once per minute", with room for a late message. */
    static final Duration STALE_AFTER = Duration.ofSeconds(90);

    /** A camera's frame after a message, and how many objects were left out as stale or to make room. */
    record Frame(List<DetectedObject> objects, int dropped) {}

    private record Live(DetectedObject object, Instant heard) {}

    private final int maxObjectsPerCamera;
    private final Map<String, LinkedHashMap<String, Live>> byCamera = new HashMap<>();

    FrigateScenes(int maxObjectsPerCamera) {
        this.maxObjectsPerCamera = maxObjectsPerCamera;
    }

    /** Applies one sighting to its camera and returns the camera's frame: every live object, the sighted one as it is now. */
    synchronized Frame apply(FrigateConverter.Sighting sighting) {
        LinkedHashMap<String, Live> live = byCamera.computeIfAbsent(sighting.camera(), camera -> new LinkedHashMap<>());
        live.remove(sighting.track()); // put back last: the map runs from the object heard of longest ago to the latest
        int before = live.size();
        Instant staleBefore = sighting.time().minus(STALE_AFTER);
        live.values().removeIf(object -> object.heard().isBefore(staleBefore));
        if (sighting.object() != null) {
            for (Iterator<String> oldest = live.keySet().iterator(); live.size() >= maxObjectsPerCamera && oldest.hasNext(); ) {
                oldest.next();
                oldest.remove();
            }
            live.put(sighting.track(), new Live(sighting.object(), sighting.time()));
        }
        int dropped = before - live.size() + (sighting.object() == null ? 0 : 1);
        List<DetectedObject> objects = new ArrayList<>(live.size());
        live.values().forEach(object -> objects.add(object.object()));
        if (live.isEmpty()) {
            byCamera.remove(sighting.camera());
        }
        return new Frame(objects, dropped);
    }
}
