package io.gridwarden.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads typed fields of one JSON object, recording a {@link Problem} (with a JSON pointer) for each bad one. */
final class FieldReader {

    private final JsonNode node;
    private final String pointer;
    private final int index;
    private final List<Problem> problems;
    private final int problemsBefore;
    private final boolean bounded;

    /** @param bounded hold strings to the lengths given ({@link EventLimits}): true for a device's events, false for stored ones */
    FieldReader(JsonNode node, String pointer, int index, List<Problem> problems, boolean bounded) {
        this.node = node;
        this.pointer = pointer;
        this.index = index;
        this.problems = problems;
        this.problemsBefore = problems.size();
        this.bounded = bounded;
        if (node == null || !node.isObject()) {
            problem("", "must be a JSON object");
        }
    }

    FieldReader child(JsonNode child, String relativePointer) {
        return new FieldReader(child, pointer + relativePointer, index, problems, bounded);
    }

    /** True when no problem was found since this reader was made. */
    boolean clean() {
        return problems.size() == problemsBefore;
    }

    void problem(String relativePointer, String reason) {
        problems.add(new Problem(index, pointer + relativePointer, reason));
    }

    private JsonNode field(String name, boolean required) {
        JsonNode value = node != null && node.isObject() ? node.get(name) : null;
        if ((value == null || value.isNull()) && required && node != null && node.isObject()) {
            problem("/" + name, "is required");
        }
        return value == null || value.isNull() ? null : value;
    }

    String text(String name) {
        return text(name, Integer.MAX_VALUE);
    }

    /** A required non-blank string of at most {@code maxLength} characters (when this reader is bounded). */
    String text(String name, int maxLength) {
        JsonNode value = field(name, true);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem("/" + name, "must be a non-empty string");
            return null;
        }
        return withinLength(name, value.asText(), maxLength);
    }

    String optionalText(String name, int maxLength) {
        JsonNode value = field(name, false);
        if (value != null && !value.isTextual()) {
            problem("/" + name, "must be a string");
            return null;
        }
        return value == null ? null : withinLength(name, value.asText(), maxLength);
    }

    /** Whether a device's event must keep to {@link EventLimits}. */
    boolean bounded() {
        return bounded;
    }

    private String withinLength(String name, String text, int maxLength) {
        if (bounded && text.length() > maxLength) {
            problem("/" + name, "must be at most " + maxLength + " characters, got " + text.length());
            return null;
        }
        return text;
    }

    /** A required number within [min, max]; NaN when missing or invalid. */
    double number(String name, double min, double max) {
        JsonNode value = field(name, true);
        if (value == null) {
            return Double.NaN;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            problem("/" + name, "must be a number from " + format(min) + " to " + format(max));
            return Double.NaN;
        }
        return value.asDouble();
    }

    JsonNode array(String name) {
        JsonNode value = field(name, true);
        if (value != null && !value.isArray()) {
            problem("/" + name, "must be an array");
            return null;
        }
        return value;
    }

    /** A box {@code [x, y, w, h]}: four numbers in 0..1 whose extent stays inside the image. */
    Box box(String name) {
        JsonNode value = field(name, true);
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.size() != 4) {
            problem("/" + name, "must be [x, y, w, h], four numbers from 0 to 1");
            return null;
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode n = value.get(i);
            if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > 1) {
                problem("/" + name, "must be [x, y, w, h], four numbers from 0 to 1");
                return null;
            }
            v[i] = n.asDouble();
        }
        if (v[0] + v[2] > 1.0001 || v[1] + v[3] > 1.0001) {
            problem("/" + name, "must lie inside the image: x + w and y + h at most 1");
            return null;
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    private static String format(double bound) {
        if (bound == Double.MAX_VALUE || bound == -Double.MAX_VALUE) {
            return bound > 0 ? "+inf" : "-inf";
        }
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }
}
