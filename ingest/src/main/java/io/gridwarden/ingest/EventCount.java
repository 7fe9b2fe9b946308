package io.gridwarden.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * How many events a body holds, found before it is parsed for real: one pass of a streaming parser over
 * the top-level array that skips each element unread and stops once it has seen more than the limit.
 * A megabyte of {@code [{},{},…]} is refused after a few kilobytes, not after 340,000 empty events were
 * read and each named as a problem. Pure and thread-safe.
 */
final class EventCount {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventCount() {}

    /**
     * The events of {@code body}, counted up to {@code limit + 1}: 1 for anything but an array (one event, or
     * something the parse will name as not an event), the elements of an array otherwise. A body that breaks
     * off counts what came before the break, at least 1; the parse that follows says what is wrong with it.
     */
    static int upTo(byte[] body, int limit) {
        int count = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return 1;
            }
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                if (++count > limit) {
                    return count;
                }
                parser.skipChildren();
            }
            return count;
        } catch (IOException e) {
            return Math.max(1, count);
        }
    }
}
