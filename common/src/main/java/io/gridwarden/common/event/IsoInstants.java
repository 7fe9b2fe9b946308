package io.gridwarden.common.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * RFC 3339 timestamps in the one shape devices and gridwarden write, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z},
 * read without a {@code DateTimeFormatter}. Every string it accepts, {@code OffsetDateTime.parse} (the
 * CloudEvents SDK's check) and {@code Instant.parse} read as the same instant; anything else, valid or
 * not, yields null and is left to them.
 */
public final class IsoInstants {

    private static final int SHORTEST = "2026-11-22T08:00:00Z".length();
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long LAST_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

    private IsoInstants() {}

    /**
     * Epoch millis of any ISO-8601 instant: the plain shape read by hand, anything else by
     * {@link Instant#parse}, whose result and errors are the reference (a fraction is truncated to millis).
     *
     * @throws java.time.format.DateTimeParseException when {@link Instant#parse} cannot read it either
     */
    public static long toEpochMilli(String text) {
        Instant plain = parseUtc(text);
        return (plain != null ? plain : Instant.parse(text)).toEpochMilli();
    }

    /** The instant {@code text} names, or null when it is not in the plain UTC shape (or not a real date). */
    static Instant parseUtc(String text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 1 + MAX_FRACTION_DIGITS || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fractionNanos(text);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * Whether {@code text}, which {@link #parseUtc} read as {@code instant}, is exactly what
     * {@code instant.toString()} writes: whole seconds bare, else the fraction in groups of three
     * digits, as few groups as the value needs.
     */
    static boolean writtenAsInstantPrints(String text, Instant instant) {
        int digits = text.length() - SHORTEST - 1;
        int nanos = instant.getNano();
        if (digits < 0) {
            return true;
        }
        return switch (digits) {
            case 3 -> nanos != 0;
            case 6 -> nanos % 1_000_000 != 0;
            case 9 -> nanos % 1_000 != 0;
            default -> false;
        };
    }

    /**
     * Exactly what {@code instant.toString()} writes, without a {@code DateTimeFormatter} for the years
     * 0000 to 9999 (ingest stamps every request with its clock).
     */
    static String print(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder out = new StringBuilder(30);
        pad(out, date.getYear(), 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3_600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(out, nanos / 1_000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** The nanoseconds of the optional fraction; -1 when it is malformed. */
    private static int fractionNanos(String text) {
        int end = text.length() - 1;
        if (end == SHORTEST - 1) {
            return 0;
        }
        if (text.charAt(SHORTEST - 1) != '.' || end == SHORTEST) {
            return -1;
        }
        int nanos = digits(text, SHORTEST, end);
        for (int i = end - SHORTEST; i < MAX_FRACTION_DIGITS && nanos >= 0; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** The decimal number in {@code text[from, to)}; -1 unless every character is an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
