package io.gridwarden.evidence.files;

import java.util.Arrays;

/** Tiny pictures for tests: valid first bytes, then filler that tells them apart. */
final class Pictures {

    private Pictures() {}

    static byte[] jpeg(int size, int seed) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) seed);
        content[0] = (byte) 0xFF;
        content[1] = (byte) 0xD8;
        content[2] = (byte) 0xFF;
        content[3] = (byte) 0xE0;
        return content;
    }

    static byte[] png(int size) {
        byte[] content = new byte[size];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, content, 0, signature.length);
        return content;
    }

    /** A WebP's RIFF header ({@code RIFF <size> WEBP VP8 }), then zeros. */
    static byte[] webp(int size) {
        byte[] content = new byte[size];
        byte[] header = "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, header.length);
        return content;
    }
}
