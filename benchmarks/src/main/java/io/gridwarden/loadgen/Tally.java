package io.gridwarden.loadgen;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts by label (an answer's status, a failure's reason) from any thread, for a load's result. One entry per
 * distinct label: the labels are statuses, exception classes and the start of their messages.
 */
public final class Tally {

    /** Characters of a failure's message kept in its label. */
    private static final int MESSAGE_CHARS = 120;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Adds {@code n} to {@code label}'s count. */
    public void add(String label, long n) {
        counts.computeIfAbsent(label, k -> new LongAdder()).add(n);
    }

    /** Adds one to {@code label}'s count. */
    public void increment(String label) {
        add(label, 1);
    }

    /** Forgets every count (the warm-up's, when the measured window begins). */
    public void clear() {
        counts.clear();
    }

    /** The counts now, by label in order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((label, count) -> out.put(label, count.sum()));
        return Collections.unmodifiableMap(out);
    }

    /** A failure named by its innermost cause and the start of its message ({@code ConnectException: Connection refused}). */
    public static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + message.substring(0, Math.min(message.length(), MESSAGE_CHARS));
    }
}
