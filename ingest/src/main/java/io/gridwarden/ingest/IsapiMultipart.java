package io.gridwarden.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578) as Hikvision cameras post it: the alert (XML or
 * JSON) in one part, the picture ({@code image/jpeg}) in another. Bounded: at most {@link #MAX_PARTS}
 * parts with at most {@link #MAX_HEADER_BYTES} of headers each, else the body is refused; nothing is
 * written to disk. Pure.
 */
final class IsapiMultipart {

    static final int MAX_PARTS = 8;
    static final int MAX_HEADER_BYTES = 4096;
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One part: its form name, file name (null for a plain field), content type (null when not given) and bytes. */
    record Part(String name, String filename, String contentType, byte[] body) {

        boolean isXml() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("xml");
        }

        boolean isJson() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        }

        boolean isImage() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("image/");
        }
    }

    private IsapiMultipart() {}

    /** The boundary a {@code multipart/form-data} content type declares. */
    static Optional<String> boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        return m.find() ? Optional.of(m.group(2) != null ? m.group(2) : m.group(3)) : Optional.empty();
    }

    static List<Part> split(byte[] body, String boundary) throws IsapiAlertReader.UnreadableAlert {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IsapiAlertReader.UnreadableAlert("the multipart body does not contain its boundary");
        }
        List<Part> parts = new ArrayList<>();
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int from = at + delimiter.length;
        while (!startsWith(body, from, "--")) {
            if (parts.size() == MAX_PARTS) {
                throw new IsapiAlertReader.UnreadableAlert("a multipart alert may have at most " + MAX_PARTS + " parts");
            }
            int headersEnd = indexOf(body, HEADERS_END, from);
            if (headersEnd < 0 || headersEnd - from > MAX_HEADER_BYTES) {
                throw new IsapiAlertReader.UnreadableAlert("a multipart part's headers are missing or longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int end = indexOf(body, next, headersEnd + HEADERS_END.length);
            if (end < 0) {
                throw new IsapiAlertReader.UnreadableAlert("the multipart body ends without its closing boundary");
            }
            parts.add(part(new String(body, from, headersEnd - from, StandardCharsets.ISO_8859_1),
                    Arrays.copyOfRange(body, headersEnd + HEADERS_END.length, end)));
            from = end + next.length;
        }
        return parts;
    }

    private static Part part(String headers, byte[] content) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                name = group(NAME, value);
                filename = group(FILENAME, value);
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        return new Part(name, filename, type, content);
    }

    private static String group(Pattern pattern, String value) {
        Matcher m = pattern.matcher(value);
        return m.find() ? m.group(1) : null;
    }

    private static boolean startsWith(byte[] body, int from, String text) {
        return from + text.length() <= body.length && new String(body, from, text.length(), StandardCharsets.US_ASCII).equals(text);
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
