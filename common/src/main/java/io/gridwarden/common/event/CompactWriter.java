package io.gridwarden.common.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes the fields of {@link CompactEvents}: varints, zigzag varlongs, IEEE 754 numbers and UTF-8 strings. One writer
 * serves a thread's events in turn ({@link #reset} between them): its buffer grows to the events it sees and stays,
 * so an event costs the bytes it is and no more, unless one outgrows {@link #KEPT_CAPACITY}, whose buffer is dropped.
 */
final class CompactWriter {

    /** The most a writer keeps between events; a larger event's buffer goes with it. */
    static final int KEPT_CAPACITY = 64 * 1024;

    private final int initialCapacity;
    private byte[] buf;
    private int length;

    CompactWriter(int capacity) {
        initialCapacity = capacity;
        buf = new byte[capacity];
    }

    /** Empty again, for the next event. */
    void reset() {
        length = 0;
        if (buf.length > KEPT_CAPACITY) {
            buf = new byte[initialCapacity];
        }
    }

    /** What the buffer holds now (room included). */
    int capacity() {
        return buf.length;
    }

    void write(int b) {
        ensure(1);
        buf[length++] = (byte) b;
    }

    /** A string, or its absence: the varint of its UTF-8 length plus one (0 when null), then its bytes. */
    void string(String text) {
        if (text == null) {
            write(0);
            return;
        }
        int n = text.length();
        if (isAscii(text, n)) { // ids, labels, URLs: their UTF-8 is their chars, written without an intermediate array
            varlong(n + 1L);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[length++] = (byte) text.charAt(i);
            }
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        varlong(bytes.length + 1L);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    private static boolean isAscii(String text, int n) {
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    void count(int n) {
        varlong(n);
    }

    /** The 8 bytes of the number's IEEE 754 bits, big-endian. */
    void number(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[length++] = (byte) (bits >>> shift);
        }
    }

    /** Epoch seconds as a zigzag varint, then nanoseconds as a varint. */
    void instant(Instant at) {
        long seconds = at.getEpochSecond();
        varlong((seconds << 1) ^ (seconds >> 63));
        varlong(at.getNano());
    }

    /** An unsigned varint (7 bits a byte, low first). */
    void varlong(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[length++] = (byte) v;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
