package io.gridwarden.common.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored picture.
 *
 * @param content   its bytes (the caller must not change them)
 * @param mediaType {@code image/jpeg} or {@code image/png}, as its own first bytes say
 * @param storedAt  when it was last put (a picture put again lives on from then)
 */
public record Evidence(byte[] content, String mediaType, Instant storedAt) {
    public Evidence {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
