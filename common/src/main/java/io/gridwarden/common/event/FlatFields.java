package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of one JSON object read from a stream: strings and numbers kept, anything else only
 * noted. The typed getters mirror {@link FieldReader}'s rules but, instead of recording a problem,
 * mark the object {@link #usual() unusual} so that the tree reader can name the problem.
 */
final class FlatFields {

    /** Stands for a JSON null, which {@link FieldReader} treats as a missing member. */
    private static final Object NULL = new Object();
    /** Stands for a boolean, an object or an array. */
    private static final Object OTHER = new Object();

    private final Map<String, Object> values;
    private boolean usual = true;

    private FlatFields(Map<String, Object> values) {
        this.values = values;
    }

    /** Reads the object whose START_OBJECT the parser is at; null when a member repeats (the tree would keep only the last). */
    static FlatFields read(JsonParser parser) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>(); // in the device's order, as the tree reader keeps them
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_NULL -> NULL;
                default -> {
                    parser.skipChildren();
                    yield OTHER;
                }
            };
            if (values.put(name, value) != null) {
                return null;
            }
        }
        return new FlatFields(values);
    }

    /** False once a getter met a member that {@link FieldReader} would refuse. */
    boolean usual() {
        return usual;
    }

    /** A required non-blank string. */
    String text(String name) {
        return text(name, Integer.MAX_VALUE);
    }

    /** A required non-blank string of at most {@code maxLength} characters. */
    String text(String name, int maxLength) {
        if (values.get(name) instanceof String text && !text.isBlank() && text.length() <= maxLength) {
            return text;
        }
        usual = false;
        return null;
    }

    /** A string of at most {@code maxLength} characters, or nothing (missing or null). */
    String optionalText(String name, int maxLength) {
        Object value = values.get(name);
        if (value == null || value == NULL) {
            return null;
        }
        return value instanceof String text && text.length() <= maxLength ? text : unusual();
    }

    /** A required number within [min, max]. */
    double number(String name, double min, double max) {
        if (values.get(name) instanceof Double number && number >= min && number <= max) {
            return number;
        }
        usual = false;
        return Double.NaN;
    }

    /** Every member, when all are strings (a heartbeat's health fields); else null. */
    Map<String, String> allText() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : values.entrySet()) {
            if (!(member.getValue() instanceof String text)) {
                usual = false;
                return null;
            }
            texts.put(member.getKey(), text);
        }
        return texts;
    }

    private String unusual() {
        usual = false;
        return null;
    }
}
