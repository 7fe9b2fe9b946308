package io.gridwarden.alerting.report;

import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an assessment report groups cases by ({@code by=}): the team responsible for the case (its
 * jurisdiction's own team, or its category's department), the officer who last had it, its category,
 * its grid, or the day or ISO week (Monday first) it was detected, in the town's time zone. A case
 * nobody was sent to (by officer), without a grid or of a place without a team falls in {@link #NONE}.
 */
public enum ReportGrouping {
    TEAM, OFFICER, CATEGORY, GRID, DAY, WEEK;

    /** The key of the group of cases without a team, officer or grid. */
    public static final String NONE = "(none)";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportGrouping> fromWire(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(ReportGrouping::wireName).collect(Collectors.joining(", "));
    }

    /** Whether groups read in time order (days, weeks) rather than by size. */
    public boolean chronological() {
        return this == DAY || this == WEEK;
    }

    /** The group a case falls in. */
    String keyOf(CaseFacts c, ZoneId zone) {
        return switch (this) {
            case TEAM -> orNone(c.team());
            case OFFICER -> orNone(c.officer());
            case CATEGORY -> orNone(c.category());
            case GRID -> orNone(c.grid());
            case DAY -> LocalDate.ofInstant(c.detected(), zone).toString();
            case WEEK -> weekOf(LocalDate.ofInstant(c.detected(), zone));
        };
    }

    /** A group's name for people: the town file's name of the team, officer or category; the week's Monday. */
    String nameOf(String key, Town town, ZoneId zone) {
        if (NONE.equals(key)) {
            return switch (this) {
                case GRID -> "no grid";
                case TEAM -> "no team";
                default -> "nobody sent";
            };
        }
        return switch (this) {
            case TEAM -> town.unit(key).map(TownFile.Unit::name).orElse(key);
            case OFFICER -> town.officer(key).map(TownFile.Officer::name).orElse(key);
            case CATEGORY -> town.category(key).map(TownFile.Category::name).orElse(key);
            case GRID, DAY -> key;
            case WEEK -> "week of " + mondayOf(key);
        };
    }

    static String weekOf(LocalDate day) {
        return String.format(Locale.ROOT, "%04d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static LocalDate mondayOf(String weekKey) {
        int at = weekKey.lastIndexOf("-W");
        int year = Integer.parseInt(weekKey.substring(0, at));
        int week = Integer.parseInt(weekKey.substring(at + 2));
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
