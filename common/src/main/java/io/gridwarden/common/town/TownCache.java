package io.gridwarden.common.town;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The towns this JVM has parsed for {@link Town#loadShared}, by where they came from and the SHA-256 of their text,
 * so that one town file is parsed and held once. Every operator subtask of the stream jobs loads the town: in the
 * embedded default, for a city of 10,000 cameras, that made 15 copies in all, some 300 MB of a 400 MB live heap, for
 * the garbage collector to mark again and again. A {@link Town} never changes once made, so one copy serves every
 * thread.
 *
 * <p>Towns are held weakly: one that nothing uses any more is collected, and at most {@link #MAX_ENTRIES} keys are
 * remembered. Parsing happens under the lock, so subtasks that open together wait for the one parse.
 */
final class TownCache {

    static final int MAX_ENTRIES = 16;

    private final Map<String, WeakReference<Town>> towns = new LinkedHashMap<>(MAX_ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WeakReference<Town>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The town parsed from {@code text} at {@code location}: the one already held, or {@code parse}'s, kept for the next caller. */
    synchronized Town get(String location, String text, Supplier<Town> parse) {
        String key = location + '\u0000' + sha256(text);
        WeakReference<Town> held = towns.get(key);
        Town town = held == null ? null : held.get();
        if (town == null) {
            town = parse.get();
            towns.values().removeIf(ref -> ref.get() == null);
            towns.put(key, new WeakReference<>(town));
        }
        return town;
    }

    /** How many towns are held and still in use (tests). */
    synchronized int held() {
        return (int) towns.values().stream().filter(ref -> ref.get() != null).count();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
