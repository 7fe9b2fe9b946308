package io.gridwarden.common.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact form in which the embedded event log stores a device event: the decoded {@link DeviceEvent}
 * written field by field, so that the job reads it back without parsing JSON (the JSON decode was three
 * quarters of the job's source thread). It holds exactly what the JSON form decodes to: every event stored
 * today decodes to the same {@code DeviceEvent} from either form ({@code CompactEventsTest}).
 *
 * <p>Layout: the format byte {@link #FORMAT} (never the first byte of JSON text), the type's code, then
 * {@code id}, {@code source}, {@code time}, {@code ingesttime} and the type's data in a fixed order. A string
 * is a varint of its UTF-8 length plus one (0: absent) and its bytes; an instant a zigzag varint of its epoch
 * seconds and a varint of its nanoseconds; a number the 8 bytes of its IEEE 754 bits, big-endian; a count a
 * varint. Other stores keep the JSON: a Kafka topic is an interface other programs read and write.
 *
 * <p>Reading checks every length and count against the bytes left and throws {@link IllegalArgumentException}
 * on anything else, so a damaged record is reported, never read past.
 */
public final class CompactEvents {

    /** The first byte of a compact event, version 1; JSON text never starts with it. */
    public static final byte FORMAT = 0x01;

    private static final EventType[] BY_CODE = {
        EventType.DETECTION, EventType.READING, EventType.OFFICER_STATUS, EventType.COMMAND_ACK,
        EventType.HEARTBEAT, EventType.OPS_ASSIGN, EventType.OPS_CLOSE, EventType.TOWN_CHANGE,
    };
    private static final OfficerStatus.Availability[] AVAILABILITY = {
        OfficerStatus.Availability.AVAILABLE, OfficerStatus.Availability.BUSY, OfficerStatus.Availability.OFF_DUTY,
    };

    /** Each thread's writer, reused from event to event (ingest encodes on its event loops). */
    private static final ThreadLocal<CompactWriter> WRITERS = ThreadLocal.withInitial(() -> new CompactWriter(1024));

    private CompactEvents() {}

    /** The calling thread's writer, for tests. */
    static CompactWriter writer() {
        return WRITERS.get();
    }

    /** Whether {@code stored} is in the compact form (otherwise it is JSON). */
    public static boolean isCompact(byte[] stored) {
        return stored.length > 0 && stored[0] == FORMAT;
    }

    /** The event in the compact form. */
    public static byte[] encode(DeviceEvent event) {
        CompactWriter out = WRITERS.get();
        out.reset();
        out.write(FORMAT);
        out.write(code(event.type()));
        out.string(event.id());
        out.string(event.source());
        out.instant(event.time());
        out.write(event.ingestTime() == null ? 0 : 1);
        if (event.ingestTime() != null) {
            out.instant(event.ingestTime());
        }
        writeData(out, event.data());
        return out.toByteArray();
    }

    /** The event a compact record holds; throws {@link IllegalArgumentException} when the bytes are not one. */
    public static DeviceEvent decode(byte[] stored) {
        var in = new CompactReader(stored);
        if (in.readByte() != FORMAT) {
            throw new IllegalArgumentException("not a compact event: its first byte is not " + FORMAT);
        }
        int code = in.readByte();
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown event type code " + code);
        }
        EventType type = BY_CODE[code];
        String id = in.string();
        String source = in.string();
        Instant time = in.instant();
        Instant ingestTime = in.readByte() == 0 ? null : in.instant();
        EventData data = readData(in, type);
        in.expectEnd();
        return new DeviceEvent(id, source, type, time, ingestTime, data);
    }

    /** The event's source, read without decoding the rest. */
    public static String source(byte[] stored) {
        var in = new CompactReader(stored);
        in.skip(2);
        in.skipString();
        return in.string();
    }

    /** The event's id, read without decoding the rest. */
    public static String id(byte[] stored) {
        var in = new CompactReader(stored);
        in.skip(2);
        return in.string();
    }

    /** The event's device time in epoch millis, read without decoding the rest. */
    public static long timeMillis(byte[] stored) {
        var in = new CompactReader(stored);
        in.skip(2);
        in.skipString();
        in.skipString();
        return in.instant().toEpochMilli();
    }

    private static int code(EventType type) {
        for (int i = 0; i < BY_CODE.length; i++) {
            if (BY_CODE[i] == type) {
                return i;
            }
        }
        throw new IllegalStateException("no compact code for " + type);
    }

    private static void writeData(CompactWriter out, EventData data) {
        if (data instanceof Detection d) {
            out.count(d.objects().size());
            for (DetectedObject o : d.objects()) {
                out.string(o.track());
                out.string(o.label());
                out.number(o.confidence());
                out.number(o.box().x());
                out.number(o.box().y());
                out.number(o.box().w());
                out.number(o.box().h());
            }
            out.string(d.snapshot());
            out.string(d.evidence());
        } else if (data instanceof Reading r) {
            out.string(r.metric());
            out.number(r.value());
        } else if (data instanceof OfficerStatus s) {
            out.number(s.lat());
            out.number(s.lon());
            out.write(s.status().ordinal());
        } else if (data instanceof CommandAck a) {
            strings(out, a.command(), a.result(), a.note());
        } else if (data instanceof Heartbeat h) {
            out.count(h.fields().size());
            h.fields().forEach((name, value) -> strings(out, name, value));
        } else if (data instanceof ManualAssign m) {
            strings(out, m.violation(), m.device(), m.officer(), m.operator());
        } else if (data instanceof ManualClose c) {
            strings(out, c.violation(), c.device(), c.reason(), c.operator());
        } else if (data instanceof TownChange t) {
            out.varlong(t.version());
            strings(out, t.sha256(), t.town(), t.author());
        } else {
            throw new IllegalStateException("no compact form for " + data.getClass().getName());
        }
    }

    private static void strings(CompactWriter out, String... texts) {
        for (String text : texts) {
            out.string(text);
        }
    }

    private static EventData readData(CompactReader in, EventType type) {
        return switch (type) {
            case DETECTION -> readDetection(in);
            case READING -> new Reading(in.string(), in.number());
            case OFFICER_STATUS -> new OfficerStatus(in.number(), in.number(), availability(in.readByte()));
            case COMMAND_ACK -> new CommandAck(in.string(), in.string(), in.string());
            case HEARTBEAT -> readHeartbeat(in);
            case OPS_ASSIGN -> new ManualAssign(in.string(), in.string(), in.string(), in.string());
            case OPS_CLOSE -> new ManualClose(in.string(), in.string(), in.string(), in.string());
            case TOWN_CHANGE -> new TownChange(in.varlong(), in.string(), in.string(), in.string());
        };
    }

    private static Detection readDetection(CompactReader in) {
        int count = in.count(CompactReader.MIN_OBJECT_BYTES);
        List<DetectedObject> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String track = in.string();
            String label = in.string();
            double confidence = in.number();
            objects.add(new DetectedObject(track, label, confidence, new Box(in.number(), in.number(), in.number(), in.number())));
        }
        return new Detection(objects, in.string(), in.string());
    }

    private static Heartbeat readHeartbeat(CompactReader in) {
        int count = in.count(2);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            fields.put(in.string(), in.string());
        }
        return new Heartbeat(fields);
    }

    private static OfficerStatus.Availability availability(int code) {
        if (code < 0 || code >= AVAILABILITY.length) {
            throw new IllegalArgumentException("unknown officer availability code " + code);
        }
        return AVAILABILITY[code];
    }
}
