package io.gridwarden.evidence.files;

import java.util.Arrays;
import java.util.Optional;

/** The picture formats kept as evidence, told by their first bytes (their "magic numbers"). */
enum PictureType {
    /** JPEG: SOI marker then the first segment's marker (FF D8 FF). */
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    /** PNG: its fixed eight-byte signature. */
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    final String mediaType;
    private final byte[] magic;

    PictureType(String mediaType, byte[] magic) {
        this.mediaType = mediaType;
        this.magic = magic;
    }

    /** What {@code content} is by its first bytes; empty when it is neither. */
    static Optional<PictureType> of(byte[] content) {
        for (PictureType type : values()) {
            if (content.length > type.magic.length
                    && Arrays.equals(content, 0, type.magic.length, type.magic, 0, type.magic.length)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether a sender's declared media type (parameters and case aside) names this type. */
    boolean matches(String declared) {
        String bare = declared.split(";", 2)[0].trim();
        return bare.equalsIgnoreCase(mediaType);
    }
}
