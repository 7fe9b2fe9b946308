package io.gridwarden.jobs.source;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The offsets a reader snapshotted for each checkpoint still in flight. Once Flink confirms a
 * checkpoint, its offsets are safe to acknowledge to the log (a restore never goes back further), and
 * every older snapshot is obsolete: a confirmation also covers checkpoints whose own was skipped.
 *
 * <p>Bounded: aborted checkpoints are forgotten, and at most {@link #MAX_PENDING} are kept (the oldest
 * dropped), so a job whose checkpoints keep failing does not grow it.
 */
final class CheckpointedOffsets {

    static final int MAX_PENDING = 16;

    private final NavigableMap<Long, List<LogSplit>> pending = new TreeMap<>();

    void snapshotted(long checkpointId, List<LogSplit> splits) {
        pending.put(checkpointId, List.copyOf(splits));
        while (pending.size() > MAX_PENDING) {
            pending.pollFirstEntry();
        }
    }

    /** The offsets to acknowledge now that {@code checkpointId} is complete: those of the newest snapshot up to it. */
    Optional<List<LogSplit>> completed(long checkpointId) {
        Map.Entry<Long, List<LogSplit>> newest = pending.floorEntry(checkpointId);
        pending.headMap(checkpointId, true).clear();
        return newest == null ? Optional.empty() : Optional.of(newest.getValue());
    }

    void aborted(long checkpointId) {
        pending.remove(checkpointId);
    }

    int size() {
        return pending.size();
    }
}
