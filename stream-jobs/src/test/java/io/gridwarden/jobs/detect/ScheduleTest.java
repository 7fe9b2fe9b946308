package io.gridwarden.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.ActiveWindow;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Active hours in the town's time zone (Asia/Shanghai, UTC+8). 2026-11-23 is a Monday. */
class ScheduleTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    private static long local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(TOWN).toInstant().toEpochMilli();
    }

    private static Schedule schedule(String... windows) {
        return new Schedule(List.of(windows).stream().map(ActiveWindow::parse).toList(), TOWN);
    }

    @Test
    void shouldAlwaysApplyWithoutWindows() {
        assertThat(new Schedule(List.of(), TOWN).activeAt(local("2026-11-23T03:00"))).isTrue();
    }

    @Test
    void shouldApplyInsideADailyWindowInLocalTimeOnly() {
        Schedule vending = schedule("06:00-22:00");
        assertThat(vending.activeAt(local("2026-11-23T06:00"))).isTrue();
        assertThat(vending.activeAt(local("2026-11-23T21:59"))).isTrue();
        assertThat(vending.activeAt(local("2026-11-23T22:00"))).isFalse();
        assertThat(vending.activeAt(local("2026-11-23T05:59"))).isFalse();
        // 23:00 UTC is 07:00 the next morning in the town: active, though the UTC hour is outside.
        assertThat(vending.activeAt(java.time.Instant.parse("2026-11-22T23:00:00Z").toEpochMilli())).isTrue();
    }

    @Test
    void shouldCombineSeveralWindowsAndWeekdays() {
        Schedule market = schedule("mon-fri 07:00-09:00", "mon-fri 17:00-19:00", "sat,sun 08:00-20:00");
        assertThat(market.activeAt(local("2026-11-23T08:00"))).isTrue();   // Monday morning
        assertThat(market.activeAt(local("2026-11-23T12:00"))).isFalse();  // Monday noon
        assertThat(market.activeAt(local("2026-11-23T18:30"))).isTrue();   // Monday evening
        assertThat(market.activeAt(local("2026-11-28T12:00"))).isTrue();   // Saturday noon
        assertThat(market.activeAt(local("2026-11-28T07:30"))).isFalse();  // Saturday, too early
    }

    @Test
    void shouldRunAWindowPastMidnightIntoTheNextDay() {
        Schedule night = schedule("fri 22:00-02:00");
        assertThat(night.activeAt(local("2026-11-27T23:00"))).isTrue();   // Friday night
        assertThat(night.activeAt(local("2026-11-28T01:59"))).isTrue();   // small hours of Saturday
        assertThat(night.activeAt(local("2026-11-28T02:00"))).isFalse();
        assertThat(night.activeAt(local("2026-11-27T01:00"))).isFalse();  // small hours of Friday belong to Thursday
        assertThat(night.activeAt(local("2026-11-28T23:00"))).isFalse();  // Saturday night
    }
}
