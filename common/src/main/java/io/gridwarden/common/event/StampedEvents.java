package io.gridwarden.common.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed request body and, when it is valid, the bytes the log stores for each of its events
 * (same order as {@code parsed.events()}), stamped with the ingest time.
 *
 * <p>An event the device wrote in the plain form (only the attributes gridwarden reads, its time in
 * UTC exactly as gridwarden writes it, no ingest time of its own) is stored as the device's own JSON
 * with the ingest-time attribute put first: it reads back as the same event, and costs no encoding.
 * Any other event is encoded afresh, exactly as {@link EventCodec#encode} does.
 */
public record StampedEvents(ParsedEvents parsed, List<byte[]> payloads) {

    public StampedEvents {
        payloads = List.copyOf(payloads);
    }

    static StampedEvents parse(byte[] body, Instant now) {
        StampedEvents plain = parsePlain(body, now, Integer.MAX_VALUE);
        return plain != null ? plain : parseByTree(body, now);
    }

    /**
     * What {@link #parse} gives for the common case, read in one pass: null when the body holds anything
     * unusual (the tree reader must judge it) or an array of more than {@code maxEvents} events.
     */
    static StampedEvents parsePlain(byte[] body, Instant now, int maxEvents) {
        PlainEvents plain = StreamingEventReader.readBody(body, now, maxEvents);
        if (plain == null) {
            return null;
        }
        List<DeviceEvent> events = plain.events();
        int[] spans = plain.spans();
        byte[] stamp = stamp(now);
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            payloads.add(plain.asWritten(i) ? splice(stamp, body, spans[2 * i], spans[2 * i + 1])
                    : EventCodec.encode(events.get(i).withIngestTime(now)));
        }
        return new StampedEvents(new ParsedEvents(events, List.of()), payloads);
    }

    /** What {@link #parse} gives, read only through the tree: for anything unusual, and as the reference in tests. */
    static StampedEvents parseByTree(byte[] body, Instant now) {
        List<Boolean> plain = new ArrayList<>();
        ParsedEvents parsed = TreeEventReader.read(body, now, plain);
        if (!parsed.valid()) {
            return new StampedEvents(parsed, List.of());
        }
        int[] spans = JsonSpans.objects(body);
        boolean spansFit = spans != null && spans.length == 2 * parsed.events().size();
        byte[] stamp = stamp(now);
        List<byte[]> payloads = new ArrayList<>(parsed.events().size());
        for (int i = 0; i < parsed.events().size(); i++) {
            DeviceEvent event = parsed.events().get(i);
            payloads.add(spansFit && plain.get(i) ? splice(stamp, body, spans[2 * i], spans[2 * i + 1])
                    : EventCodec.encode(event.withIngestTime(now)));
        }
        return new StampedEvents(parsed, payloads);
    }

    /** An opening brace and the ingest-time member, to put in place of an event's own opening brace. */
    private static byte[] stamp(Instant now) {
        return ("{\"" + EventCodec.INGEST_TIME_ATTRIBUTE + "\":\"" + IsoInstants.print(now) + "\",").getBytes(StandardCharsets.UTF_8);
    }

    /** The object at body[start, end) with {@code stamp} (an opening brace and the ingest-time member) in place of its brace. */
    private static byte[] splice(byte[] stamp, byte[] body, int start, int end) {
        byte[] out = new byte[stamp.length + end - start - 1];
        System.arraycopy(stamp, 0, out, 0, stamp.length);
        System.arraycopy(body, start + 1, out, stamp.length, end - start - 1);
        return out;
    }
}
