package io.gridwarden.common.town;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly window in which a rule applies, written {@code "mon-fri 07:00-20:00"} or {@code "07:00-22:00"}
 * (every day). A window whose end is before its start runs past midnight.
 */
public record ActiveWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public ActiveWindow {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public static ActiveWindow parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length > 2) {
            throw new IllegalArgumentException("active hours \"" + text + "\": expected \"[days] HH:MM-HH:MM\", e.g. \"mon-fri 07:00-20:00\"");
        }
        Set<DayOfWeek> days = parts.length == 2 ? parseDays(parts[0], text) : EnumSet.allOf(DayOfWeek.class);
        String[] times = parts[parts.length - 1].split("-");
        if (times.length != 2) {
            throw new IllegalArgumentException("active hours \"" + text + "\": expected a time range HH:MM-HH:MM");
        }
        return new ActiveWindow(days, LocalTime.parse(times[0]), LocalTime.parse(times[1]));
    }

    private static Set<DayOfWeek> parseDays(String spec, String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("-");
            if (range.length == 0 || range.length > 2) {
                throw new IllegalArgumentException("active hours \"" + text + "\": unknown days \"" + item + "\" (use e.g. mon-fri or sat,sun)");
            }
            DayOfWeek first = day(range[0], text);
            DayOfWeek last = range.length > 1 ? day(range[1], text) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String abbreviation, String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(abbreviation) && abbreviation.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("active hours \"" + text + "\": unknown day \"" + abbreviation + "\" (use mon … sun)");
    }
}
