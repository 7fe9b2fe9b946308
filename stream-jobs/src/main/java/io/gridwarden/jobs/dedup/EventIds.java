package io.gridwarden.jobs.dedup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gridwarden.common.event.CompactEvents;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads only the top-level {@code source} and {@code id} of a stored CloudEvent with a streaming
 * parser (or from the compact form's first fields): the de-duplication key, without the full decode that
 * happens once, downstream.
 */
public final class EventIds {

    /** What a record that has no readable source or id is keyed by; the decoder reports it as bad. */
    public static final String UNREADABLE = "";

    private static final JsonFactory JSON = new JsonFactory();

    private EventIds() {}

    /** The event's {@code source}, or {@link #UNREADABLE}. */
    public static String sourceOf(byte[] payload) {
        return field(payload, "source", CompactEvents::source);
    }

    /** The event's {@code id}, or {@link #UNREADABLE}. */
    public static String idOf(byte[] payload) {
        return field(payload, "id", CompactEvents::id);
    }

    /** The top-level string {@code name} of a JSON payload, or what {@code compact} reads from a compact one. */
    private static String field(byte[] payload, String name, Function<byte[], String> compact) {
        if (CompactEvents.isCompact(payload)) {
            try {
                String value = compact.apply(payload);
                return value == null ? UNREADABLE : value;
            } catch (IllegalArgumentException e) {
                return UNREADABLE;
            }
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return UNREADABLE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : UNREADABLE;
                }
                parser.skipChildren();
            }
            return UNREADABLE;
        } catch (IOException e) {
            return UNREADABLE;
        }
    }
}
