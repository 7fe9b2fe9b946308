package io.gridwarden.common.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfReportTest {

    private static final Instant FROM = Instant.parse("2026-12-04T08:00:00Z");
    private static final Instant UNTIL = FROM.plusSeconds(3600);

    /** A parked car's case through {@code statuses}, a minute apart from {@code at}, dispatched to {@code officer}. */
    private static List<Action> parkedCase(String id, String zone, Instant at, String officer, ViolationStatus... statuses) {
        List<Action> actions = new ArrayList<>();
        Instant t = at;
        for (ViolationStatus status : statuses) {
            String who = status == ViolationStatus.DISPATCHED ? officer : null;
            actions.add(Action.update(new Violation(id, "illegal_parking", status, "cam-0001", null, zone, "hecun", "hecun-g02", "t-" + id,
                    "car", 28.74, 118.58, at, null, null, who, null, t, "note")));
            t = t.plusSeconds(60);
        }
        return actions;
    }

    private static List<Action> live() {
        List<Action> actions = new ArrayList<>();
        actions.addAll(parkedCase("v1", "z-parking", FROM.plusSeconds(60), "off-01", ViolationStatus.DETECTED, ViolationStatus.WARNED,
                ViolationStatus.DISPATCHED));
        actions.addAll(parkedCase("v2", "z-parking", FROM.plusSeconds(120), null, ViolationStatus.DETECTED, ViolationStatus.WARNED,
                ViolationStatus.RESOLVED_BY_WARNING));
        actions.addAll(parkedCase("v0", "z-parking", FROM.minusSeconds(600), "off-02", ViolationStatus.DETECTED, ViolationStatus.WARNED));
        return actions;
    }

    @Test
    void shouldCountDistinctCasesWarningsDispatchesAndSettlementsInsideTheWindowOnly() {
        DecisionSummary summary = DecisionSummary.of(live().stream().filter(a -> ActionTime.within(a, FROM, UNTIL)).toList());

        assertThat(summary.total()).isEqualTo(new DecisionSummary.Counts(2, 2, 1, 1, 0.5));
        assertThat(summary.groups()).singleElement().satisfies(g -> assertThat(g.zone()).isEqualTo("z-parking"));
        assertThat(summary.officers()).containsExactly(new DecisionSummary.OfficerLoad("off-01", 1));
    }

    @Test
    void shouldShowWhereTheCandidateSettlesByWarningWhatLiveDispatched() {
        List<Action> candidate = new ArrayList<>();
        candidate.addAll(parkedCase("v1", "z-parking", FROM.plusSeconds(60), null, ViolationStatus.DETECTED, ViolationStatus.WARNED,
                ViolationStatus.RESOLVED_BY_WARNING));
        candidate.addAll(parkedCase("v2", "z-parking", FROM.plusSeconds(120), null, ViolationStatus.DETECTED, ViolationStatus.WARNED,
                ViolationStatus.RESOLVED_BY_WARNING));

        WhatIfReport report = WhatIfReport.of(FROM, UNTIL, "candidate.yaml", live(), candidate);

        assertThat(report.differs()).isTrue();
        assertThat(report.candidate().total()).isEqualTo(new DecisionSummary.Counts(2, 2, 0, 2, 1.0));
        assertThat(report.rows()).singleElement().satisfies(r -> {
            assertThat(r.live().dispatches()).isEqualTo(1);
            assertThat(r.candidate().dispatches()).isZero();
        });
        assertThat(report.officers()).containsExactly(new WhatIfReport.OfficerRow("off-01", 1, 0));
        assertThat(WhatIfTable.render(report)).contains("dispatches", "officer off-01", "-1", "50%", "100%", "decides differently");
        assertThat(Json.toString(report)).contains("\"settledByWarningShare\":1.0", "\"candidateTown\":\"candidate.yaml\"");
    }

    @Test
    void shouldSayTheSameRulesDecideAlike() {
        WhatIfReport report = WhatIfReport.of(FROM, UNTIL, "live", live(), live());

        assertThat(report.differs()).isFalse();
        assertThat(WhatIfTable.render(report)).contains("decides as the live rules did");
    }

    @Test
    void shouldDrawASelfContainedChartWithEscapedLabels() {
        WhatIfReport report = WhatIfReport.of(FROM, UNTIL, "<town>.yaml", live(), List.of());

        String html = WhatIfChart.render(report);

        assertThat(html).startsWith("<!doctype html>").contains("<svg", "&lt;town&gt;.yaml", "off-01").doesNotContain("<script", "http://", "https://");
    }
}
