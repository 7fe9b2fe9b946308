package io.gridwarden.jobs.detect;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tracks of the cameras used most recently, about {@code capacity} tracks in all: the cameras
 * used longest ago are dropped first, so memory stays bounded whatever the number of cameras.
 *
 * <p>A cache can only serve an operator that is the sole writer of the state behind it and writes
 * every change through before it returns: then a dropped camera is read back as it was, and a new
 * operator instance (after a restore, a failover or a rescale) starts with an empty cache.
 */
final class TrackCache {

    private static final class Cached {
        final CameraTracks tracks;
        int weight;

        Cached(CameraTracks tracks) {
            this.tracks = tracks;
        }
    }

    private final LinkedHashMap<String, Cached> byCamera = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    private long weight;

    /** {@code capacity}: tracks to keep; a camera counts as at least one, the camera in use is always kept. */
    TrackCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a track cache must hold at least one track, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The camera's cached tracks, or null. */
    CameraTracks get(String camera) {
        Cached cached = byCamera.get(camera);
        return cached == null ? null : cached.tracks;
    }

    void put(String camera, CameraTracks tracks) {
        Cached before = byCamera.put(camera, new Cached(tracks));
        if (before != null) {
            weight -= before.weight;
        }
        used(camera);
    }

    /** Call after the camera's tracks changed in number: re-weighs it and drops the cameras used longest ago. */
    void used(String camera) {
        Cached cached = byCamera.get(camera);
        int now = Math.max(1, cached.tracks.size());
        weight += now - cached.weight;
        cached.weight = now;
        for (Iterator<Map.Entry<String, Cached>> eldest = byCamera.entrySet().iterator(); weight > capacity && eldest.hasNext(); ) {
            Map.Entry<String, Cached> entry = eldest.next();
            if (!entry.getKey().equals(camera)) {
                weight -= entry.getValue().weight;
                eldest.remove();
            }
        }
    }

    /** The tracks held, each camera counting as at least one. */
    long weight() {
        return weight;
    }

    int cameras() {
        return byCamera.size();
    }
}
