package io.gridwarden.ingest;

import java.util.Locale;
import java.util.Optional;

/** What a request body may hold, as its content type declares: one event, a batch, or either. */
enum BodyShape {
    SINGLE("application/cloudevents+json"),
    BATCH("application/cloudevents-batch+json"),
    EITHER("application/json");

    private final String mediaType;

    BodyShape(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The shape a {@code Content-Type} header announces (parameters such as charset ignored); empty if unsupported. */
    static Optional<BodyShape> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        for (BodyShape shape : values()) {
            if (shape.mediaType.equals(mediaType)) {
                return Optional.of(shape);
            }
        }
        return Optional.empty();
    }

    /** Whether a body whose first JSON token is {@code [} (a batch) or not fits this shape. */
    boolean accepts(boolean isArray) {
        return this == EITHER || (this == BATCH) == isArray;
    }

    String mediaType() {
        return mediaType;
    }

    static String supported() {
        return SINGLE.mediaType + ", " + BATCH.mediaType + " or " + EITHER.mediaType;
    }
}
