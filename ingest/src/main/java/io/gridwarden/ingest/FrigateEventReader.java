package io.gridwarden.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.json.Json;
import io.gridwarden.ingest.FrigateRefusal.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a message of Frigate's {@code <topic_prefix>/events} topic (Frigate 0.13 and 0.14, docs.frigate.video
 * "MQTT"): {@code type} and the {@code after} object. Members Frigate always sends are required; those it added
 * over versions ({@code stationary}, zones, {@code has_snapshot}) are optional; others are ignored. Pure.
 */
final class FrigateEventReader {

    /** Frigate's event ids are {@code <start time>-<random>}; anything else (a slash, a space) is refused, since the id goes into URLs. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** A Frigate camera or zone name: Frigate allows letters, digits, {@code _} and {@code -}. */
    private static final int MAX_NAME = 64;
    private static final int MAX_ZONES = 32;

    private FrigateEventReader() {}

    static FrigateEvent read(byte[] payload) throws FrigateRefusal {
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new FrigateRefusal(Reason.NOT_JSON, "the payload is not JSON; publish Frigate's events unchanged");
        }
        if (root == null || !root.isObject()) {
            throw new FrigateRefusal(Reason.NOT_JSON, "the payload is not a JSON object with type, before and after");
        }
        JsonNode typeName = root.get("type");
        FrigateEvent.Type type = FrigateEvent.Type.fromWire(typeName == null ? null : typeName.asText(null))
                .orElseThrow(() -> new FrigateRefusal(typeName == null ? Reason.MISSING_FIELD : Reason.BAD_FIELD,
                        "type is " + typeName + "; Frigate sends new, update or end"));
        JsonNode after = root.get("after");
        if (after == null || !after.isObject()) {
            throw new FrigateRefusal(Reason.MISSING_FIELD, "after is missing: it holds the object's state");
        }
        String id = text(after, "id", 64);
        if (!EVENT_ID.matcher(id).matches()) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after.id \"" + id + "\" is not a Frigate event id (letters, digits, . _ -)");
        }
        return new FrigateEvent(type, id, text(after, "camera", MAX_NAME), text(after, "label", MAX_NAME),
                fraction(after, "score"), nullableFraction(after, "top_score"), box(after),
                positive(after, "frame_time"), type == FrigateEvent.Type.END ? positive(after, "end_time") : null,
                flag(after, "false_positive"), flag(after, "stationary"), names(after, "current_zones"), names(after, "entered_zones"),
                flag(after, "has_snapshot"));
    }

    private static JsonNode required(JsonNode object, String name) throws FrigateRefusal {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new FrigateRefusal(Reason.MISSING_FIELD, "after." + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode object, String name, int maxLength) throws FrigateRefusal {
        JsonNode value = required(object, name);
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after." + name + " must be a string of 1 to " + maxLength + " characters");
        }
        return value.asText();
    }

    private static double fraction(JsonNode object, String name) throws FrigateRefusal {
        JsonNode value = required(object, name);
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after." + name + " must be a number from 0 to 1");
        }
        return value.asDouble();
    }

    private static Double nullableFraction(JsonNode object, String name) throws FrigateRefusal {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : fraction(object, name);
    }

    private static double positive(JsonNode object, String name) throws FrigateRefusal {
        JsonNode value = required(object, name);
        if (!value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after." + name + " must be seconds since the epoch");
        }
        return value.asDouble();
    }

    private static double[] box(JsonNode object) throws FrigateRefusal {
        JsonNode value = required(object, "box");
        if (!value.isArray() || value.size() != 4) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after.box must be [x1, y1, x2, y2] in pixels");
        }
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!value.get(i).isNumber()) {
                throw new FrigateRefusal(Reason.BAD_FIELD, "after.box must be [x1, y1, x2, y2] in pixels");
            }
            box[i] = value.get(i).asDouble();
        }
        return box;
    }

    /** An optional boolean: absent or null is false. */
    private static boolean flag(JsonNode object, String name) throws FrigateRefusal {
        JsonNode value = object.get(name);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after." + name + " must be true or false");
        }
        return value != null && value.asBoolean();
    }

    /** An optional list of zone names: absent or null is none. */
    private static List<String> names(JsonNode object, String name) throws FrigateRefusal {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_ZONES) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "after." + name + " must be a list of at most " + MAX_ZONES + " zone names");
        }
        List<String> names = new ArrayList<>(value.size());
        for (JsonNode zone : value) {
            if (!zone.isTextual() || zone.asText().length() > MAX_NAME) {
                throw new FrigateRefusal(Reason.BAD_FIELD, "after." + name + " must be a list of zone names");
            }
            names.add(zone.asText());
        }
        return names;
    }
}
