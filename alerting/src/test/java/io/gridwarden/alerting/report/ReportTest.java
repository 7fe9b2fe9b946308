package io.gridwarden.alerting.report;

import static io.gridwarden.alerting.report.ReportFixtures.T0;
import static io.gridwarden.alerting.report.ReportFixtures.detected;
import static io.gridwarden.common.action.ViolationStatus.ACCEPTED;
import static io.gridwarden.common.action.ViolationStatus.ARRIVED;
import static io.gridwarden.common.action.ViolationStatus.DISPATCHED;
import static io.gridwarden.common.action.ViolationStatus.ESCALATED;
import static io.gridwarden.common.action.ViolationStatus.RESOLVED;
import static io.gridwarden.common.action.ViolationStatus.RESOLVED_BY_WARNING;
import static io.gridwarden.common.action.ViolationStatus.WARNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.common.town.Town;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Town TOWN = Town.demo();

    private static Report report(ReportGrouping by, StoredViolation... cases) {
        Report report = new Report(by, T0, T0.plus(Duration.ofDays(14)), TOWN);
        for (StoredViolation c : cases) {
            report.add(c);
        }
        return report;
    }

    private static GroupTotals group(Report report, String key) {
        return report.groups().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no group " + key));
    }

    @Test
    void shouldGiveP50P90P99OfTimeToWarnWithinOnePercent() {
        StoredViolation[] cases = new StoredViolation[100];
        for (int i = 0; i < 100; i++) {
            cases[i] = detected("w" + i, i).then(WARNED, i + 1).stored(); // warned after 1 … 100 s
        }
        GroupTotals all = report(ReportGrouping.CATEGORY, cases).total();

        assertThat(all.cases()).isEqualTo(100);
        assertThat(all.seconds("warn", 50)).isCloseTo(50, within(0.5));
        assertThat(all.seconds("warn", 90)).isCloseTo(90, within(0.9));
        assertThat(all.seconds("warn", 99)).isCloseTo(99, within(1.0));
        assertThat(all.seconds("dispatch", 50)).as("no case was dispatched").isNull();
    }

    @Test
    void shouldTimeAcceptAndArriveFromDispatchAndResolveFromDetection() {
        StoredViolation c = detected("a", 0).then(WARNED, 20).then(DISPATCHED, 150, "off-01", null).then(ACCEPTED, 210)
                .then(ARRIVED, 750).then(RESOLVED, 1200).stored();
        GroupTotals all = report(ReportGrouping.TEAM, c).total();

        assertThat(all.seconds("warn", 50)).isCloseTo(20, within(0.2));
        assertThat(all.seconds("dispatch", 50)).isCloseTo(150, within(1.5));
        assertThat(all.seconds("accept", 50)).isCloseTo(60, within(0.6));
        assertThat(all.seconds("arrive", 50)).isCloseTo(600, within(6.0));
        assertThat(all.seconds("resolve", 50)).isCloseTo(1200, within(12.0));
    }

    @Test
    void shouldShareOnlyWarningsThatSettledAmongThoseSettledByWarningAlone() {
        Report report = report(ReportGrouping.CATEGORY,
                detected("s1", 0).then(WARNED, 10).then(RESOLVED_BY_WARNING, 100).stored(),
                detected("s2", 1).then(WARNED, 10).then(RESOLVED_BY_WARNING, 100).stored(),
                detected("s3", 2).then(WARNED, 10).then(DISPATCHED, 150, "off-01", null).stored(),
                detected("open", 3).then(WARNED, 10).stored(), // still in its grace period: not settled either way
                detected("failed", 5).then(WARNED, 10).then(DISPATCHED, 11, "off-03",
                        "voice warning failed: speaker broken; dispatched without waiting for the grace period").stored(),
                detected("nowarn", "garbage_exposure", "hecun", 4).then(DISPATCHED, 60, "off-02", null).stored());

        assertThat(group(report, "illegal_parking").settledByWarningShare()).as("a warning that did not play is not counted")
                .isCloseTo(2.0 / 3, within(1e-9));
        assertThat(group(report, "garbage_exposure").settledByWarningShare()).as("no warning: no share").isNull();
        assertThat(report.total().cases()).isEqualTo(6);
    }

    @Test
    void shouldCountACaseOfATeamThatANeighboursOfficerTookAsCrossedButNotTheWaterBureausRiverCase() {
        StoredViolation crossed = detected("x", 0).then(WARNED, 10).then(DISPATCHED, 150, "off-01", null)
                .then(ESCALATED, 300, "off-01", "rejected by off-01: off duty").then(DISPATCHED, 301, "off-21", null).stored();
        StoredViolation home = detected("h", 0).then(DISPATCHED, 150, "off-02", null).stored();
        StoredViolation river = detected("r", "river_floating_debris", "hecun", 0).then(DISPATCHED, 60, "off-47", null).stored();
        Report report = report(ReportGrouping.TEAM, crossed, home, river);

        assertThat(group(report, "hecun").cases()).as("the team responsible, whoever took the case").isEqualTo(2);
        assertThat(group(report, "hecun").crossedToNeighbour()).as("the hecun case tanshi's officer took").isEqualTo(1);
        assertThat(report.groups()).extracting(GroupTotals::key).doesNotContain("tanshi");
        assertThat(group(report, "water-bureau").crossedToNeighbour()).as("the bureau is the river's home unit").isZero();
        assertThat(report.total().crossedToNeighbour()).isEqualTo(1);
    }

    @Test
    void shouldCountEscalationsAsReassignmentsAndThoseAnOfficerRejectedAsRejections() {
        StoredViolation c = detected("e", 0).then(DISPATCHED, 60, "off-01", null)
                .then(ESCALATED, 400, "off-01", "not accepted by off-01 in time").then(DISPATCHED, 401, "off-02", null)
                .then(ESCALATED, 500, "off-02", "rejected by off-02: flat tyre").then(DISPATCHED, 501, "off-03", null).stored();
        Report report = report(ReportGrouping.OFFICER, c);

        assertThat(report.total().seconds("dispatch", 50)).as("from detection to the first dispatch").isCloseTo(60, within(0.6));
        assertThat(report.total().reassignments()).isEqualTo(2);
        assertThat(report.total().rejections()).isEqualTo(1);
        assertThat(report.groups()).extracting(GroupTotals::key).as("the officer who last had it").containsExactly("off-03");
    }

    @Test
    void shouldNameTeamsAndOfficersAsTheTownFileDoesAndPutCasesWithoutOneInTheNoneGroup() {
        StoredViolation sent = detected("a", 0).then(DISPATCHED, 60, "off-01", null).stored();
        StoredViolation settled = detected("b", 1).then(WARNED, 10).then(RESOLVED_BY_WARNING, 100).stored();
        StoredViolation nowhere = detected("c", "illegal_parking", "atlantis", 2).stored();
        Report byTeam = report(ReportGrouping.TEAM, sent, settled, nowhere);
        Report byOfficer = report(ReportGrouping.OFFICER, sent, settled);

        assertThat(group(byTeam, "hecun").name()).isEqualTo("河村镇综合行政执法队");
        assertThat(group(byTeam, "hecun").cases()).as("a case settled by its warning is its team's too").isEqualTo(2);
        assertThat(group(byTeam, ReportGrouping.NONE).name()).isEqualTo("no team");
        assertThat(group(byOfficer, "off-01").name()).isEqualTo("李队员01");
        assertThat(group(byOfficer, ReportGrouping.NONE).cases()).as("nobody was sent to the settled case").isEqualTo(1);
    }

    @Test
    void shouldGroupDaysAndIsoWeeksInTheTownsTimeZoneInTimeOrder() {
        // 2026-11-29T17:00Z is Monday 30 November 01:00 in Shanghai: the next day and the next ISO week there
        StoredViolation sunday = detected("sun", Duration.between(T0, Instant.parse("2026-11-29T15:00:00Z")).toSeconds()).stored();
        StoredViolation monday = detected("mon", Duration.between(T0, Instant.parse("2026-11-29T17:00:00Z")).toSeconds()).stored();
        StoredViolation first = detected("first", 0).stored();

        assertThat(report(ReportGrouping.DAY, monday, sunday, first).groups()).extracting(GroupTotals::key)
                .containsExactly("2026-11-23", "2026-11-29", "2026-11-30");
        List<GroupTotals> weeks = report(ReportGrouping.WEEK, monday, sunday, first).groups();
        assertThat(weeks).extracting(GroupTotals::key).containsExactly("2026-W48", "2026-W49");
        assertThat(weeks).extracting(GroupTotals::name).containsExactly("week of 2026-11-23", "week of 2026-11-30");
    }
}
