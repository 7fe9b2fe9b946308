package io.gridwarden.common.replay;

import io.gridwarden.common.action.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What really happened over a window (the live action log) beside what a candidate town file would have
 * decided on the same events (a replay), with the rows of both side by side.
 *
 * @param candidateTown where the candidate town file came from (a path, or {@code submitted})
 * @param rows          per category and zone, the union of both sides' groups; a side without the group counts zero
 * @param officers      per officer, the union of both sides
 */
public record WhatIfReport(Instant from, Instant until, String candidateTown, DecisionSummary live, DecisionSummary candidate,
        List<Row> rows, List<OfficerRow> officers) {

    private static final DecisionSummary.Counts NONE = DecisionSummary.Counts.of(0, 0, 0, 0);

    public record Row(String category, String zone, DecisionSummary.Counts live, DecisionSummary.Counts candidate) {}

    public record OfficerRow(String officer, int live, int candidate) {}

    /** The report of the window's actions of both sides (actions outside [from, until) are left out). */
    public static WhatIfReport of(Instant from, Instant until, String candidateTown, Collection<Action> live, Collection<Action> candidate) {
        DecisionSummary l = DecisionSummary.of(live.stream().filter(a -> ActionTime.within(a, from, until)).toList());
        DecisionSummary c = DecisionSummary.of(candidate.stream().filter(a -> ActionTime.within(a, from, until)).toList());
        return new WhatIfReport(from, until, candidateTown, l, c, rows(l, c), officers(l, c));
    }

    /** Whether the candidate would have decided otherwise in any count shown. */
    public boolean differs() {
        return !live.equals(candidate);
    }

    private static List<Row> rows(DecisionSummary live, DecisionSummary candidate) {
        Map<List<String>, DecisionSummary.Counts[]> byKey = new LinkedHashMap<>();
        live.groups().forEach(g -> byKey.computeIfAbsent(List.of(g.category(), g.zone()), k -> new DecisionSummary.Counts[2])[0] = g.counts());
        candidate.groups().forEach(g -> byKey.computeIfAbsent(List.of(g.category(), g.zone()), k -> new DecisionSummary.Counts[2])[1] = g.counts());
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, counts) -> rows.add(new Row(key.get(0), key.get(1), Objects.requireNonNullElse(counts[0], NONE),
                Objects.requireNonNullElse(counts[1], NONE))));
        rows.sort(java.util.Comparator.comparing(Row::category).thenComparing(Row::zone));
        return List.copyOf(rows);
    }

    private static List<OfficerRow> officers(DecisionSummary live, DecisionSummary candidate) {
        Map<String, int[]> byOfficer = new LinkedHashMap<>();
        live.officers().forEach(o -> byOfficer.computeIfAbsent(o.officer(), k -> new int[2])[0] = o.cases());
        candidate.officers().forEach(o -> byOfficer.computeIfAbsent(o.officer(), k -> new int[2])[1] = o.cases());
        List<OfficerRow> rows = new ArrayList<>();
        byOfficer.forEach((officer, n) -> rows.add(new OfficerRow(officer, n[0], n[1])));
        rows.sort(java.util.Comparator.comparing(OfficerRow::officer));
        return List.copyOf(rows);
    }
}
