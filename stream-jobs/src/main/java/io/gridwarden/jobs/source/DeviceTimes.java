package io.gridwarden.jobs.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gridwarden.common.event.CompactEvents;
import io.gridwarden.common.event.IsoInstants;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/**
 * Reads only the top-level {@code time} of a stored CloudEvent, with a streaming parser: for records
 * stored without their device time beside them (a Kafka topic written before it was stored), which the
 * timestamp assigner still needs a time for; the full decode happens once, downstream.
 */
final class DeviceTimes {

    private static final JsonFactory JSON = new JsonFactory();

    private DeviceTimes() {}

    /** The device time in epoch millis, or {@code fallback} when the payload has no readable time. */
    static long of(byte[] payload, long fallback) {
        if (CompactEvents.isCompact(payload)) {
            try {
                return CompactEvents.timeMillis(payload);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return fallback;
            }
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fallback;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("time".equals(field) && value == JsonToken.VALUE_STRING) {
                    return IsoInstants.toEpochMilli(parser.getText());
                }
                parser.skipChildren();
            }
            return fallback;
        } catch (IOException | DateTimeParseException e) {
            return fallback; // the decoder reports the bad record; here it only needs some timestamp
        }
    }
}
