package io.gridwarden.common.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads the fields {@link CompactWriter} wrote. Every length and count is checked against the bytes left, so
 * damaged bytes end in an {@link IllegalArgumentException} naming what was wrong, never in a read past the end
 * or an allocation the bytes cannot fill.
 */
final class CompactReader {

    /** The fewest bytes a detected object takes: two absent strings and five numbers. */
    static final int MIN_OBJECT_BYTES = 2 + 5 * 8;

    private final byte[] buf;
    private int at;

    CompactReader(byte[] buf) {
        this.buf = buf;
    }

    int readByte() {
        need(1);
        return buf[at++];
    }

    void skip(int bytes) {
        need(bytes);
        at += bytes;
    }

    /** A string or null, as {@link CompactWriter#string} wrote it. */
    String string() {
        long marker = varlong();
        if (marker == 0) {
            return null;
        }
        int length = checkedLength(marker - 1, 1);
        String text = new String(buf, at, length, StandardCharsets.UTF_8);
        at += length;
        return text;
    }

    void skipString() {
        long marker = varlong();
        if (marker > 0) {
            at += checkedLength(marker - 1, 1);
        }
    }

    /** A count of items that each take at least {@code minItemBytes}; more than the bytes left could hold is damage. */
    int count(int minItemBytes) {
        return checkedLength(varlong(), minItemBytes);
    }

    double number() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (buf[at++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    Instant instant() {
        long zigzag = varlong();
        long seconds = (zigzag >>> 1) ^ -(zigzag & 1);
        long nanos = varlong();
        if (nanos > 999_999_999L) {
            throw new IllegalArgumentException("compact event: nanoseconds " + nanos + " out of range");
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("compact event: instant out of range: " + e.getMessage(), e);
        }
    }

    long varlong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("compact event: a varint longer than 10 bytes at " + at);
    }

    void expectEnd() {
        if (at != buf.length) {
            throw new IllegalArgumentException("compact event: " + (buf.length - at) + " bytes left over after the event");
        }
    }

    private int checkedLength(long items, int minItemBytes) {
        if (items < 0 || items > buf.length || items * minItemBytes > buf.length - at) {
            throw new IllegalArgumentException("compact event: a length of " + items + " at " + at
                    + " does not fit the " + (buf.length - at) + " bytes left");
        }
        return (int) items;
    }

    private void need(int bytes) {
        if (bytes > buf.length - at) {
            throw new IllegalArgumentException("compact event: ends " + (bytes - (buf.length - at)) + " byte(s) early at " + at);
        }
    }
}
