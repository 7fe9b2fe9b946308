package io.gridwarden.evidence.files;

import java.util.Arrays;
import java.util.Optional;

/** The picture formats kept as evidence, told by their first bytes (their "magic numbers"). */
enum PictureType {
    /** JPEG: SOI marker then the first segment's marker (FF D8 FF). */
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, null),
    /** PNG: its fixed eight-byte signature. */
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, null),
    /** WebP (what some phones' browsers make of a photo): a RIFF container whose form type, at byte 8, is WEBP. */
    WEBP("image/webp", new byte[] {'R', 'I', 'F', 'F'}, new byte[] {'W', 'E', 'B', 'P'});

    /** Where a RIFF container names its form type. */
    private static final int FORM_AT = 8;

    final String mediaType;
    private final byte[] magic;
    private final byte[] form;

    PictureType(String mediaType, byte[] magic, byte[] form) {
        this.mediaType = mediaType;
        this.magic = magic;
        this.form = form;
    }

    /** What {@code content} is by its first bytes; empty when it is none of these. */
    static Optional<PictureType> of(byte[] content) {
        for (PictureType type : values()) {
            if (type.startsOf(content)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private boolean startsOf(byte[] content) {
        int end = form == null ? magic.length : FORM_AT + form.length;
        return content.length > end && Arrays.equals(content, 0, magic.length, magic, 0, magic.length)
                && (form == null || Arrays.equals(content, FORM_AT, end, form, 0, form.length));
    }

    /** Whether a sender's declared media type (parameters and case aside) names this type. */
    boolean matches(String declared) {
        String bare = declared.split(";", 2)[0].trim();
        return bare.equalsIgnoreCase(mediaType);
    }
}
