package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The single-pass reader of the common case: a body (or a stored event) whose every event holds only
 * the attributes gridwarden reads, in the plain UTC time shape, and is valid, read token by token into
 * {@link DeviceEvent}s with no JSON tree in between.
 *
 * <p>It answers null at the first thing that is not plainly valid (a problem, a repeated member, an
 * extension attribute, another time shape, {@code data} before {@code type}, anything after the
 * body's end): {@link TreeEventReader} then reads the body again and names every problem, with the
 * CloudEvents SDK judging what only it can. So whatever this reader accepts, the tree reader accepts
 * as the same events; it never refuses anything itself.
 */
final class StreamingEventReader {

    private static final int SPECVERSION = 1;
    private static final int ID = 2;
    private static final int SOURCE = 4;
    private static final int TYPE = 8;
    private static final int TIME = 16;
    private static final int DATA = 32;
    private static final int INGEST_TIME = 64;
    private static final int REQUIRED = SPECVERSION | ID | SOURCE | TYPE | TIME | DATA;

    /** The events of a body that held nothing unusual: for each, whether it may be stored as written, and where it lies in the body. */
    static final class Events {
        private final List<DeviceEvent> events = new ArrayList<>();
        private final List<Boolean> asWritten = new ArrayList<>();
        private int[] spans = new int[8];

        private void add(DeviceEvent event, boolean writtenPlainly, long start, long end) {
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

    private StreamingEventReader() {}

    /** A device's body, one event or an array of them; null when the tree reader must judge it. */
    static Events readBody(byte[] body, Instant now) {
        if (!opensWithBrace(body)) {
            return null; // leave byte-order marks, other encodings and non-JSON to the tree reader
        }
        try (JsonParser parser = EventCodec.MAPPER.createParser(body)) {
            Events events = new Events();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                    if (!readEvent(parser, now, true, events)) {
                        return null;
                    }
                }
                if (token != JsonToken.END_ARRAY) {
                    return null;
                }
            } else if (!readEvent(parser, now, true, events)) {
                return null;
            }
            return parser.nextToken() == null ? events : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One event the log stored (any type, no clock limit); null when the tree reader must judge it. */
    static DeviceEvent readStored(byte[] stored) {
        try (JsonParser parser = EventCodec.MAPPER.createParser(stored)) {
            Events events = new Events();
            if (parser.nextToken() != JsonToken.START_OBJECT || !readEvent(parser, null, false, events)
                    || parser.nextToken() != null) {
                return null;
            }
            return events.events().get(0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads the event whose START_OBJECT the parser is at into {@code into}; false when it is unusual. */
    private static boolean readEvent(JsonParser parser, Instant now, boolean fromDevice, Events into) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        String id = null;
        String source = null;
        String time = null;
        String ingestTime = null;
        EventType type = null;
        EventData data = null;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int member = member(parser.currentName());
            JsonToken token = parser.nextToken();
            if (member == 0 || (seen & member) != 0) {
                return false; // another attribute (the SDK's to judge) or a repeated one (the tree keeps the last)
            }
            seen |= member;
            if (member == DATA) {
                if (type == null || token != JsonToken.START_OBJECT || (data = StreamingDataReader.read(type, parser)) == null) {
                    return false;
                }
                continue;
            }
            String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text == null || text.isBlank()) {
                return false;
            }
            switch (member) {
                case SPECVERSION -> {
                    if (!text.equals("1.0")) {
                        return false;
                    }
                }
                case ID -> id = text;
                case SOURCE -> source = text;
                case TYPE -> {
                    type = EventType.fromWire(text).filter(t -> t.fromDevices() || !fromDevice).orElse(null);
                    if (type == null) {
                        return false;
                    }
                }
                case TIME -> time = text;
                default -> ingestTime = text;
            }
        }
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        if ((seen & REQUIRED) != REQUIRED || !isUriReference(source)) {
            return false;
        }
        Instant at = IsoInstants.parseUtc(time);
        Instant ingestedAt = ingestTime == null ? null : IsoInstants.parseUtc(ingestTime);
        if (at == null || ingestTime != null && ingestedAt == null || now != null && at.isAfter(now.plus(EventCodec.MAX_CLOCK_AHEAD))) {
            return false;
        }
        into.add(new DeviceEvent(id, source, type, at, ingestedAt, data), ingestTime == null && IsoInstants.writtenAsInstantPrints(time, at),
                start, end);
        return true;
    }

    private static int member(String name) {
        return switch (name) {
            case "specversion" -> SPECVERSION;
            case "id" -> ID;
            case "source" -> SOURCE;
            case "type" -> TYPE;
            case "time" -> TIME;
            case "data" -> DATA;
            case EventCodec.INGEST_TIME_ATTRIBUTE -> INGEST_TIME;
            default -> 0;
        };
    }

    /** The SDK's check of {@code source}, without building a URI for the usual plain device id. */
    private static boolean isUriReference(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
            if (!unreserved) {
                try {
                    new URI(source);
                    return true;
                } catch (URISyntaxException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean opensWithBrace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }
}
