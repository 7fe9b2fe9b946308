package io.gridwarden.jobs.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Keys ordered by an instant (then by key), so that "everything due by then" costs what it returns.
 * A key is indexed at most once; {@link #NEVER} means not at all.
 */
final class TimeIndex {

    /** No instant: the key is not in the index. */
    static final long NEVER = Long.MAX_VALUE;

    private record Slot(long at, String key) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    private final TreeSet<Slot> slots = new TreeSet<>();

    /** Moves {@code key} from {@code before} to {@code after} (either may be {@link #NEVER}). */
    void move(String key, long before, long after) {
        if (before == after) {
            return;
        }
        if (before != NEVER) {
            slots.remove(new Slot(before, key));
        }
        if (after != NEVER) {
            slots.add(new Slot(after, key));
        }
    }

    /** The keys indexed at or before {@code at}, earliest first (a copy: the caller may move them). */
    List<String> upTo(long at) {
        List<String> keys = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.at() > at) {
                break;
            }
            keys.add(slot.key());
        }
        return keys;
    }

    int size() {
        return slots.size();
    }
}
