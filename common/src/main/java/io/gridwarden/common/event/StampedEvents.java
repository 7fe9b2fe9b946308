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
public final class StampedEvents {

    private final ParsedEvents parsed;
    /** The device's body and the stamp, when some payloads are spliced from it: events' spans, 2 ints each. */
    private final byte[] body;
    private final byte[] stamp;
    private final int[] spans;
    /** Per event: the payload encoded afresh, or null when it is the body's span with the stamp in place of its brace. */
    private final byte[][] encoded;

    private StampedEvents(ParsedEvents parsed, byte[] body, byte[] stamp, int[] spans, byte[][] encoded) {
        this.parsed = parsed;
        this.body = body;
        this.stamp = stamp;
        this.spans = spans;
        this.encoded = encoded;
    }

    public ParsedEvents parsed() {
        return parsed;
    }

    /**
     * The bytes of event {@code i} as stored in the JSON form. A spliced one is made on each call: where the log stores
     * another form, only its {@link #payloadLength} is asked and the JSON is never built.
     */
    public byte[] payload(int i) {
        byte[] own = encoded[i];
        return own != null ? own : splice(stamp, body, spans[2 * i], spans[2 * i + 1]);
    }

    /** The length of {@link #payload}, without making it. */
    public int payloadLength(int i) {
        byte[] own = encoded[i];
        return own != null ? own.length : stamp.length + spans[2 * i + 1] - spans[2 * i] - 1;
    }

    /** Every event's {@link #payload}, in order; empty when the body is invalid. */
    public List<byte[]> payloads() {
        List<byte[]> all = new ArrayList<>(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            all.add(payload(i));
        }
        return all;
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
        byte[][] encoded = new byte[events.size()][];
        for (int i = 0; i < events.size(); i++) {
            if (!plain.asWritten(i)) {
                encoded[i] = EventCodec.encode(events.get(i).withIngestTime(now));
            }
        }
        return new StampedEvents(new ParsedEvents(events, List.of()), body, stamp(now), plain.spans(), encoded);
    }

    /** What {@link #parse} gives, read only through the tree: for anything unusual, and as the reference in tests. */
    static StampedEvents parseByTree(byte[] body, Instant now) {
        List<Boolean> plain = new ArrayList<>();
        ParsedEvents parsed = TreeEventReader.read(body, now, plain);
        if (!parsed.valid()) {
            return new StampedEvents(parsed, body, null, null, new byte[0][]);
        }
        int[] spans = JsonSpans.objects(body);
        boolean spansFit = spans != null && spans.length == 2 * parsed.events().size();
        byte[][] encoded = new byte[parsed.events().size()][];
        for (int i = 0; i < encoded.length; i++) {
            if (!(spansFit && plain.get(i))) {
                encoded[i] = EventCodec.encode(parsed.events().get(i).withIngestTime(now));
            }
        }
        return new StampedEvents(parsed, body, stamp(now), spans, encoded);
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
