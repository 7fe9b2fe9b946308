package io.gridwarden.jobs.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Epoch millis of an ISO-8601 instant, reading the form devices send, {@code yyyy-MM-ddTHH:mm:ss}
 * with an optional fraction and {@code Z}, by hand: the timestamp assigner does this for every
 * record, and {@link Instant#parse}'s formatter costs more than the rest of its work. Any other form
 * (an offset, a leap second, a five-digit year) goes to {@link Instant#parse}, whose result and
 * errors are the reference: a fraction is truncated to millis like {@link Instant#toEpochMilli}.
 */
final class IsoInstants {

    private static final int SHORTEST = "yyyy-MM-ddTHH:mm:ssZ".length();
    private static final int LONGEST = "yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ".length();

    private IsoInstants() {}

    /** @throws java.time.format.DateTimeParseException when {@link Instant#parse} cannot read it either */
    static long toEpochMilli(char[] text, int offset, int length) {
        long millis = common(text, offset, length);
        return millis != Long.MIN_VALUE ? millis : Instant.parse(new String(text, offset, length)).toEpochMilli();
    }

    static long toEpochMilli(String text) {
        return toEpochMilli(text.toCharArray(), 0, text.length());
    }

    /** The millis of the common form, or {@link Long#MIN_VALUE} when the text is not in it. */
    private static long common(char[] t, int o, int length) {
        if (length < SHORTEST || length > LONGEST || t[o + length - 1] != 'Z' || t[o + 4] != '-' || t[o + 7] != '-'
                || t[o + 10] != 'T' || t[o + 13] != ':' || t[o + 16] != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, o, 4);
        int month = digits(t, o + 5, 2);
        int day = digits(t, o + 8, 2);
        int hour = digits(t, o + 11, 2);
        int minute = digits(t, o + 14, 2);
        int second = digits(t, o + 17, 2);
        int millis = fractionMillis(t, o + 19, length - SHORTEST);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || millis < 0) {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // let Instant.parse say what is wrong with it
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1_000L + millis;
    }

    /** The millis of a fraction of {@code length} characters ({@code .} and 1–9 digits, or none); -1 when malformed. */
    private static int fractionMillis(char[] t, int at, int length) {
        if (length == 0) {
            return 0;
        }
        if (length < 2 || t[at] != '.') {
            return -1;
        }
        int millis = 0;
        for (int i = 1; i < length; i++) {
            int d = t[at + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            if (i <= 3) {
                millis = millis * 10 + d;
            }
        }
        for (int i = length; i <= 3; i++) {
            millis *= 10;
        }
        return millis;
    }

    /** The value of {@code count} decimal digits, or -1 if one is not a digit. */
    private static int digits(char[] t, int at, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            int d = t[at + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
