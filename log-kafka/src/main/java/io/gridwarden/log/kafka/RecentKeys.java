package io.gridwarden.log.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The de-duplication keys this instance stored most recently, at most {@code capacity}: a quick re-send
 * to the same instance is answered as a duplicate and not stored again. It is no more than that: a
 * re-send to another instance, or after this one restarted or forgot the key, is stored again, and the
 * stream jobs drop it by its (source, id). Only the writer thread touches it.
 */
final class RecentKeys {

    private static final Object PRESENT = new Object();

    private final int capacity;
    private final Map<String, Object> keys;

    /** @param capacity how many keys to remember; 0 remembers none */
    RecentKeys(int capacity) {
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > RecentKeys.this.capacity;
            }
        };
    }

    /** Whether {@code key} was stored recently (and, if so, it counts as recent again). */
    boolean contains(String key) {
        return keys.get(key) != null;
    }

    /** Remembers a key that is now stored. */
    void remember(String key) {
        if (capacity > 0) {
            keys.put(key, PRESENT);
        }
    }

    int size() {
        return keys.size();
    }
}
