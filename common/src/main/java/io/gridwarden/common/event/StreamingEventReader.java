package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

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

    private StreamingEventReader() {}

    /** A device's body, one event or an array of them; null when the tree reader must judge it. */
    static PlainEvents readBody(byte[] body, Instant now) {
        return readBody(body, now, Integer.MAX_VALUE);
    }

    /** As above, and null as soon as an array holds more than {@code maxEvents} events: what follows is not read. */
    static PlainEvents readBody(byte[] body, Instant now, int maxEvents) {
        if (!opensWithBrace(body)) {
            return null; // leave byte-order marks, other encodings and non-JSON to the tree reader
        }
        try (JsonParser parser = EventCodec.MAPPER.createParser(body)) {
            if (!(parser instanceof UTF8StreamJsonParser)) {
                return null; // UTF-16LE or UTF-32LE (which open with a brace too): an event's span is UTF-8 bytes only
            }
            PlainEvents events = new PlainEvents();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                    if (events.events().size() == maxEvents || !readEvent(parser, now, true, events)) {
                        return null;
                    }
                }
                if (token != JsonToken.END_ARRAY) {
                    return null;
                }
            } else if (maxEvents < 1 || !readEvent(parser, now, true, events)) {
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
            PlainEvents events = new PlainEvents();
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
    private static boolean readEvent(JsonParser parser, Instant now, boolean fromDevice, PlainEvents into) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        var attributes = new Attributes(fromDevice);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int member = member(parser.currentName());
            JsonToken token = parser.nextToken();
            if (member == 0 || (attributes.seen & member) != 0) {
                return false; // another attribute (the SDK's to judge) or a repeated one (the tree keeps the last)
            }
            attributes.seen |= member;
            boolean usual = member == DATA ? token == JsonToken.START_OBJECT && attributes.readData(parser)
                    : token == JsonToken.VALUE_STRING && attributes.take(member, parser.getText());
            if (!usual) {
                return false;
            }
        }
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        DeviceEvent event = attributes.toEvent(now);
        if (event == null) {
            return false;
        }
        into.add(event, attributes.ingestTime == null && IsoInstants.writtenAsInstantPrints(attributes.time, event.time()), start, end);
        return true;
    }

    /** The attributes of one event as they are read, each checked as {@link TreeEventReader} would. */
    private static final class Attributes {
        private final boolean fromDevice;
        private int seen;
        private String id;
        private String source;
        private String time;
        private String ingestTime;
        private EventType type;
        private EventData data;

        Attributes(boolean fromDevice) {
            this.fromDevice = fromDevice;
        }

        /** Takes a string attribute; false when it is not plainly valid. */
        boolean take(int member, String text) {
            if (text.isBlank() || fromDevice && text.length() > maxLength(member)) {
                return false;
            }
            switch (member) {
                case SPECVERSION -> {
                    return text.equals("1.0");
                }
                case ID -> id = text;
                case SOURCE -> source = text;
                case TYPE -> type = EventType.fromWire(text).filter(t -> t.fromDevices() || !fromDevice).orElse(null);
                case TIME -> time = text;
                default -> ingestTime = text;
            }
            return member != TYPE || type != null;
        }

        /** Reads {@code data}, which can only be read once the type is known (devices write it first). */
        boolean readData(JsonParser parser) throws IOException {
            return type != null && (data = StreamingDataReader.read(type, parser, fromDevice)) != null;
        }

        /** The bound {@link TreeEventReader} holds a device's attribute to; the others are compared whole. */
        private static int maxLength(int member) {
            return switch (member) {
                case ID -> EventLimits.ID;
                case SOURCE -> EventLimits.SOURCE;
                case TIME -> EventLimits.TIME;
                default -> Integer.MAX_VALUE;
            };
        }

        /** The event, or null when an attribute is missing or is anything but plainly valid. */
        DeviceEvent toEvent(Instant now) {
            if ((seen & REQUIRED) != REQUIRED || !isUriReference(source)) {
                return null;
            }
            Instant at = IsoInstants.parseUtc(time);
            Instant ingestedAt = ingestTime == null ? null : IsoInstants.parseUtc(ingestTime);
            if (at == null || ingestTime != null && ingestedAt == null || now != null && at.isAfter(now.plus(EventCodec.MAX_CLOCK_AHEAD))) {
                return null;
            }
            return new DeviceEvent(id, source, type, at, ingestedAt, data);
        }
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
