package io.gridwarden.jobs.detect;

import io.gridwarden.common.town.ActiveWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * When a rule applies: its weekly active windows, read in the town's time zone.
 *
 * <p>No windows means always. A window whose end is before its start runs past midnight and belongs
 * to the day it starts on ({@code "fri 22:00-02:00"} covers Saturday 01:00); a window whose start
 * equals its end covers its whole day.
 */
public final class Schedule {

    private final List<ActiveWindow> windows;
    private final ZoneId zone;

    public Schedule(List<ActiveWindow> windows, ZoneId zone) {
        this.windows = List.copyOf(windows);
        this.zone = zone;
    }

    /** Whether the rule applies at {@code epochMillis}. */
    public boolean activeAt(long epochMillis) {
        if (windows.isEmpty()) {
            return true;
        }
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        for (ActiveWindow w : windows) {
            if (covers(w, day, time)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(ActiveWindow w, DayOfWeek day, LocalTime time) {
        if (w.from().equals(w.to())) {
            return w.days().contains(day);
        }
        if (w.from().isBefore(w.to())) {
            return w.days().contains(day) && !time.isBefore(w.from()) && time.isBefore(w.to());
        }
        // Past midnight: the evening part on the window's own day, the small hours on the next.
        return (w.days().contains(day) && !time.isBefore(w.from()))
                || (w.days().contains(day.minus(1)) && time.isBefore(w.to()));
    }
}
