package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each top-level object of a JSON body lies in its bytes: the body itself when it is one object,
 * each element when it is an array. Only ever run over a body Jackson has already parsed as valid
 * JSON, so it tracks just strings, escapes and nesting; anything unexpected, or a body Jackson reads
 * as UTF-16 or UTF-32 (whose spans are not UTF-8 events), yields null.
 */
final class JsonSpans {

    private JsonSpans() {}

    /** Start (inclusive) and end (exclusive) offsets, two per object; null when the body is not plain objects. */
    static int[] objects(byte[] body) {
        if (!readAsUtf8(body)) {
            return null;
        }
        int i = skipWhitespace(body, 0);
        if (i >= body.length) {
            return null;
        }
        if (body[i] == '{') {
            int end = endOfObject(body, i);
            return end < 0 ? null : new int[] {i, end};
        }
        if (body[i] != '[') {
            return null;
        }
        List<int[]> spans = new ArrayList<>();
        i = skipWhitespace(body, i + 1);
        while (i < body.length && body[i] != ']') {
            if (body[i] != '{') {
                return null;
            }
            int end = endOfObject(body, i);
            if (end < 0) {
                return null;
            }
            spans.add(new int[] {i, end});
            i = skipWhitespace(body, end);
            if (i < body.length && body[i] == ',') {
                i = skipWhitespace(body, i + 1);
            }
        }
        int[] out = new int[spans.size() * 2];
        for (int k = 0; k < spans.size(); k++) {
            out[2 * k] = spans.get(k)[0];
            out[2 * k + 1] = spans.get(k)[1];
        }
        return out;
    }

    /** Whether Jackson reads the body as UTF-8: it also takes UTF-16 and UTF-32, told by their zero bytes or byte-order mark. */
    private static boolean readAsUtf8(byte[] body) {
        try (JsonParser parser = EventCodec.MAPPER.createParser(body)) {
            return parser instanceof UTF8StreamJsonParser;
        } catch (IOException e) {
            return false;
        }
    }

    /** The offset just after the object opening at {@code start}; -1 if it does not close. */
    private static int endOfObject(byte[] body, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static int skipWhitespace(byte[] body, int from) {
        int i = from;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i;
    }
}
