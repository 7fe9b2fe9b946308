package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gridwarden.common.evidence.EvidenceRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code data} of an event straight from the parser, for {@link StreamingEventReader}: the
 * same rules as {@link EventDataCodec#read}, but any member it would refuse (or a repeated one) yields
 * null instead of a problem. Detections, nearly all of the traffic, are read without any map.
 */
final class StreamingDataReader {

    /** The tolerance {@link FieldReader#box} allows for rounding at the image's edge. */
    private static final double EDGE = 1.0001;

    private StreamingDataReader() {}

    /**
     * The data whose START_OBJECT the parser is at; null when it is anything but plainly valid.
     *
     * @param bounded hold its strings to {@link EventLimits} (a device's event): beyond them it is not plainly valid
     */
    static EventData read(EventType type, JsonParser parser, boolean bounded) throws IOException {
        Limits limits = bounded ? Limits.DEVICE : Limits.NONE;
        if (type == EventType.DETECTION) {
            return readDetection(parser, limits);
        }
        FlatFields fields = FlatFields.read(parser);
        if (fields == null) {
            return null;
        }
        EventData data = switch (type) {
            case READING -> new Reading(fields.text("metric", limits.metric),
                    fields.number("value", -Double.MAX_VALUE, Double.MAX_VALUE));
            case OFFICER_STATUS -> officerStatus(fields);
            case COMMAND_ACK -> commandAck(fields, limits);
            case HEARTBEAT -> heartbeat(fields, limits);
            case OPS_ASSIGN -> new ManualAssign(fields.text("violation"), fields.text("device"), fields.text("officer"), fields.text("operator"));
            case OPS_CLOSE -> new ManualClose(fields.text("violation"), fields.text("device"), fields.text("reason"), fields.text("operator"));
            case TOWN_CHANGE -> townChange(fields);
            case DETECTION -> throw new IllegalStateException("read above");
        };
        return fields.usual() ? data : null;
    }

    private static EventData townChange(FlatFields fields) {
        double version = fields.number("version", 1, Long.MAX_VALUE);
        String sha256 = fields.text("sha256");
        String town = fields.text("town");
        String author = fields.text("author");
        return new TownChange((long) version, sha256, town, author); // dropped by the caller unless every field was usual
    }

    private static EventData officerStatus(FlatFields fields) {
        double lat = fields.number("lat", -90, 90);
        double lon = fields.number("lon", -180, 180);
        String status = fields.text("status");
        var availability = status == null ? null : OfficerStatus.Availability.fromWire(status).orElse(null);
        return availability == null ? null : new OfficerStatus(lat, lon, availability);
    }

    private static EventData heartbeat(FlatFields fields, Limits limits) {
        var health = fields.allText();
        if (health == null || health.size() > limits.heartbeatMembers
                || EventLimits.heartbeatCharacters(health) > limits.heartbeatCharacters) {
            return null;
        }
        return new Heartbeat(health);
    }

    private static EventData commandAck(FlatFields fields, Limits limits) {
        String command = fields.text("command", limits.command);
        String result = fields.text("result", Integer.MAX_VALUE);
        String note = fields.optionalText("note", limits.note);
        return result == null || !CommandAck.RESULTS.contains(result) ? null : new CommandAck(command, result, note);
    }

    private static Detection readDetection(JsonParser parser, Limits limits) throws IOException {
        List<DetectedObject> objects = null;
        String snapshot = null;
        boolean sawSnapshot = false;
        String evidence = null;
        boolean sawEvidence = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("objects")) {
                if (objects != null || token != JsonToken.START_ARRAY || (objects = readObjects(parser, limits)) == null) {
                    return null;
                }
            } else if (name.equals("snapshot")) {
                if (sawSnapshot || (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL)) {
                    return null;
                }
                sawSnapshot = true;
                snapshot = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                if (snapshot != null && snapshot.length() > limits.snapshot) {
                    return null;
                }
            } else if (name.equals("evidence")) {
                if (sawEvidence || (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL)) {
                    return null;
                }
                sawEvidence = true;
                evidence = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                if (evidence != null && limits != Limits.NONE && !EvidenceRef.isValid(evidence)) {
                    return null;
                }
            } else {
                parser.skipChildren();
            }
        }
        return objects == null ? null : new Detection(objects, snapshot, evidence);
    }

    private static List<DetectedObject> readObjects(JsonParser parser, Limits limits) throws IOException {
        List<DetectedObject> objects = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            DetectedObject object = readObject(parser, limits);
            if (object == null) {
                return null;
            }
            objects.add(object);
        }
        return token == JsonToken.END_ARRAY ? objects : null;
    }

    private static DetectedObject readObject(JsonParser parser, Limits limits) throws IOException {
        String track = null;
        String label = null;
        double confidence = Double.NaN;
        Box box = null;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            int member = switch (name) {
                case "track" -> 1;
                case "label" -> 2;
                case "confidence" -> 4;
                case "box" -> 8;
                default -> 0;
            };
            if ((seen & member) != 0) {
                return null; // a repeated member: the tree keeps the last one, let it judge
            }
            seen |= member;
            boolean valid = switch (member) {
                case 1 -> (track = text(parser, token, limits.track)) != null;
                case 2 -> (label = text(parser, token, limits.label)) != null;
                case 4 -> !Double.isNaN(confidence = number(parser, token));
                case 8 -> token == JsonToken.START_ARRAY && (box = readBox(parser)) != null;
                default -> {
                    parser.skipChildren();
                    yield true;
                }
            };
            if (!valid) {
                return null;
            }
        }
        return seen == 15 ? new DetectedObject(track, label, confidence, box) : null;
    }

    /** The box whose START_ARRAY the parser is at: exactly four numbers in 0..1, inside the image. */
    private static Box readBox(JsonParser parser) throws IOException {
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = number(parser, parser.nextToken());
            if (Double.isNaN(v[i])) {
                return null;
            }
        }
        if (parser.nextToken() != JsonToken.END_ARRAY || v[0] + v[2] > EDGE || v[1] + v[3] > EDGE) {
            return null;
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    /** A non-blank string of at most {@code maxLength} characters, else null. */
    private static String text(JsonParser parser, JsonToken token, int maxLength) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = parser.getText();
        return text.isBlank() || text.length() > maxLength ? null : text;
    }

    /** The bounds a device's data keeps to ({@link EventLimits}), or none for a stored event's. */
    private record Limits(int track, int label, int snapshot, int metric, int command, int note, int heartbeatMembers,
                          int heartbeatCharacters) {
        static final Limits DEVICE = new Limits(EventLimits.TRACK, EventLimits.LABEL, EventLimits.SNAPSHOT, EventLimits.METRIC,
                EventLimits.COMMAND, EventLimits.NOTE, EventLimits.HEARTBEAT_MEMBERS, EventLimits.HEARTBEAT_CHARACTERS);
        static final int NO_BOUND = Integer.MAX_VALUE;
        static final Limits NONE = new Limits(NO_BOUND, NO_BOUND, NO_BOUND, NO_BOUND, NO_BOUND, NO_BOUND, NO_BOUND, NO_BOUND);
    }

    /** A number in 0..1, else NaN. */
    private static double number(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return Double.NaN;
        }
        double value = parser.getDoubleValue();
        return value >= 0 && value <= 1 ? value : Double.NaN;
    }
}
