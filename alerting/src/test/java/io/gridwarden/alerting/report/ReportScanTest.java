package io.gridwarden.alerting.report;

import static io.gridwarden.alerting.report.ReportFixtures.T0;
import static io.gridwarden.alerting.report.ReportFixtures.detected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class ReportScanTest {

    private static final Town TOWN = Town.demo();
    private static final ViolationFilter EVERYTHING = ViolationFilter.parse(Set.of(ViolationFilter.ALL_JURISDICTIONS), null, null, null);

    @TempDir
    Path dir;

    /** {@code n} hecun cases a second apart from T0, a fifth of them in tanshi, each warned, dispatched and resolved. */
    private static void seed(ViolationStore store, int n) {
        store.apply(page -> {
            for (int i = 0; i < n; i++) {
                var c = detected("c" + i, "illegal_parking", i % 5 == 0 ? "tanshi" : "hecun", i).then(ViolationStatus.WARNED, 10)
                        .then(ViolationStatus.DISPATCHED, 150, i % 5 == 0 ? "off-21" : "off-01", null)
                        .then(ViolationStatus.RESOLVED, 900).stored();
                page.update(i, c.latest());
            }
        }, n);
    }

    private static Report report(int days) {
        return new Report(ReportGrouping.TEAM, T0, T0.plus(Duration.ofDays(days)), TOWN);
    }

    @Test
    void shouldReadEveryCaseOfThePeriodAcrossManyPages() {
        try (ViolationStore store = ViolationStore.open(dir)) {
            seed(store, 25);
            Report report = report(1);

            ReportScan.fill(store, EVERYTHING, report, 100, 10);

            assertThat(report.total().cases()).isEqualTo(25);
            assertThat(report.groups()).extracting(GroupTotals::key, GroupTotals::cases)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("hecun", 20L), org.assertj.core.groups.Tuple.tuple("tanshi", 5L));
        }
    }

    @Test
    void shouldRefuseAPeriodWithMoreCasesThanTheMaximumOnlyCountingCasesThatPassTheFilter() {
        try (ViolationStore store = ViolationStore.open(dir)) {
            seed(store, 10);
            ViolationFilter tanshi = ViolationFilter.parse(List.of("tanshi"), null, null, null);

            assertThatThrownBy(() -> ReportScan.fill(store, EVERYTHING, report(1), 9, 4)).isInstanceOf(ReportScan.TooManyCases.class);
            Report scoped = report(1);
            ReportScan.fill(store, tanshi, scoped, 2, 1);
            assertThat(scoped.total().cases()).isEqualTo(2);
        }
    }

    /** Not part of the suite: {@code -Dgridwarden.reportBenchmark=200000} prints how long a report over that many cases takes. */
    @Test
    @EnabledIfSystemProperty(named = "gridwarden.reportBenchmark", matches = "\\d+")
    void measureAReportOverManyCases() {
        int n = Integer.parseInt(System.getProperty("gridwarden.reportBenchmark"));
        try (ViolationStore store = ViolationStore.open(dir)) {
            for (int done = 0; done < n; done += 10_000) {
                int from = done;
                int count = Math.min(10_000, n - done);
                store.apply(page -> {
                    for (int i = from; i < from + count; i++) {
                        List<io.gridwarden.common.action.Violation> history = detected("c" + i, "illegal_parking", i % 5 == 0 ? "tanshi" : "hecun",
                                i * 20L).then(ViolationStatus.WARNED, 10).then(ViolationStatus.DISPATCHED, 150, "off-0" + (1 + i % 9), null)
                                .then(ViolationStatus.ACCEPTED, 200).then(ViolationStatus.ARRIVED, 600).then(ViolationStatus.RESOLVED, 900).history();
                        for (int k = 0; k < history.size(); k++) {
                            page.update(i * 8L + k, history.get(k));
                        }
                    }
                }, (from + count) * 8L);
            }
            for (ReportGrouping by : List.of(ReportGrouping.TEAM, ReportGrouping.TEAM, ReportGrouping.OFFICER, ReportGrouping.DAY)) {
                Report report = new Report(by, T0, T0.plus(Duration.ofDays(92)), TOWN);
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long start = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                ReportScan.fill(store, EVERYTHING, report, Long.MAX_VALUE);
                byte[] csv = ReportCsv.of(report);
                System.out.printf("report by %s over %d cases: %d ms (%d ms of CPU; %d groups, %d bytes of CSV)%n", by.wireName(),
                        report.total().cases(), (System.nanoTime() - start) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000,
                        report.groups().size(), csv.length);
            }
        }
    }
}
