package io.gridwarden.jobs.detect;

import io.gridwarden.jobs.model.TrackState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tracks of one camera, indexed so that a frame or a timer touches only the tracks it concerns
 * rather than all of them: the tracks the latest frames showed (a frame that misses them marks them
 * missing), the missing ones by when a frame without them may forget them, and all by when their
 * escalation is next due. {@link CameraWatch} computes those instants and is the only writer.
 *
 * <p>Made {@link #recordingChanges()}, it also records which keys changed since {@link #takeChanges()},
 * so that the operator writes only those to its keyed state.
 */
public final class CameraTracks {

    private record Entry(TrackState state, long forgettableAt, long dueAt) {}

    private final Map<String, Entry> byKey = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final TimeIndex forgettable = new TimeIndex();
    private final TimeIndex due = new TimeIndex();
    private final Set<String> changed = new LinkedHashSet<>();
    private final boolean recording;

    /** Tracks that do not record their changes (a caller that keeps them only in memory). */
    public CameraTracks() {
        this(false);
    }

    private CameraTracks(boolean recording) {
        this.recording = recording;
    }

    /** Tracks that record which keys change, for {@link #takeChanges()}. */
    public static CameraTracks recordingChanges() {
        return new CameraTracks(true);
    }

    public TrackState get(String key) {
        Entry entry = byKey.get(key);
        return entry == null ? null : entry.state();
    }

    public int size() {
        return byKey.size();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** A read-only copy of the tracks by key. */
    public Map<String, TrackState> asMap() {
        Map<String, TrackState> view = new HashMap<>();
        byKey.forEach((key, entry) -> view.put(key, entry.state()));
        return Collections.unmodifiableMap(view);
    }

    /** The keys put or removed since the last call (a track put back unchanged is not a change). */
    public List<String> takeChanges() {
        List<String> keys = new ArrayList<>(changed);
        changed.clear();
        return keys;
    }

    /** Every track, in no particular order: for the rare look-ups by violation. */
    List<Map.Entry<String, TrackState>> entries() {
        List<Map.Entry<String, TrackState>> all = new ArrayList<>(byKey.size());
        byKey.forEach((key, entry) -> all.add(Map.entry(key, entry.state())));
        return all;
    }

    /**
     * Keys of the tracks whose {@code missingSince} is not set, other than {@code seen}: those a frame that showed
     * {@code seen} makes missing. Usually none, and then no list is made.
     */
    List<String> presentExcept(Set<String> seen) {
        List<String> others = null;
        for (String key : present) {
            if (!seen.contains(key)) {
                if (others == null) {
                    others = new ArrayList<>();
                }
                others.add(key);
            }
        }
        return others == null ? List.of() : others;
    }

    /** Keys of the tracks a frame at or after {@code at} that does not show them may forget. */
    List<String> forgettableBy(long at) {
        return forgettable.upTo(at);
    }

    /** Keys of the tracks whose escalation is due at or before {@code at}. */
    List<String> dueBy(long at) {
        return due.upTo(at);
    }

    /** Stores {@code state} under {@code key}; the instants are {@link TimeIndex#NEVER} when none. */
    void put(String key, TrackState state, long forgettableAt, long dueAt) {
        Entry before = byKey.put(key, new Entry(state, forgettableAt, dueAt));
        forgettable.move(key, before == null ? TimeIndex.NEVER : before.forgettableAt(), forgettableAt);
        due.move(key, before == null ? TimeIndex.NEVER : before.dueAt(), dueAt);
        if (state.missingSince() == TrackState.NOT_MISSING) {
            present.add(key);
        } else {
            present.remove(key);
        }
        if (recording && (before == null || before.state() != state)) {
            changed.add(key);
        }
    }

    void remove(String key) {
        Entry before = byKey.remove(key);
        if (before != null) {
            forgettable.move(key, before.forgettableAt(), TimeIndex.NEVER);
            due.move(key, before.dueAt(), TimeIndex.NEVER);
            present.remove(key);
            if (recording) {
                changed.add(key);
            }
        }
    }
}
