package io.gridwarden.common.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events {@link StreamingEventReader} read from a body that held nothing unusual: for each, whether
 * it may be stored as written, and where it lies in the body.
 */
final class PlainEvents {

    private final List<DeviceEvent> events = new ArrayList<>();
    private final List<Boolean> asWritten = new ArrayList<>();
    private int[] spans = new int[8];

    /**
     * @param start the offset of the event's opening brace in the body
     * @param end   the offset just after its closing brace
     */
    void add(DeviceEvent event, boolean writtenPlainly, long start, long end) {
        int n = events.size();
        if (2 * n + 2 > spans.length) {
            spans = Arrays.copyOf(spans, 2 * spans.length);
        }
        spans[2 * n] = (int) start;
        spans[2 * n + 1] = (int) end;
        events.add(event);
        asWritten.add(writtenPlainly);
    }

    List<DeviceEvent> events() {
        return events;
    }

    /** Whether the event's own JSON, stamped, is what the log may store for it (see {@link StampedEvents}). */
    boolean asWritten(int i) {
        return asWritten.get(i);
    }

    /** Start (inclusive) and end (exclusive) offsets of each event in the body, two per event, as {@link JsonSpans#objects} gives them. */
    int[] spans() {
        return Arrays.copyOf(spans, 2 * events.size());
    }
}
