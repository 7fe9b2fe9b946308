package io.gridwarden.alerting.report;

import static io.gridwarden.alerting.report.ReportFixtures.T0;
import static io.gridwarden.alerting.report.ReportFixtures.detected;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCsvTest {

    private static final Town TOWN = Town.demo();

    private static Report report(ReportGrouping by) {
        return new Report(by, T0, T0.plus(Duration.ofDays(7)), TOWN);
    }

    @Test
    void shouldStartWithAUtf8ByteOrderMarkAndKeepChineseNamesIntact() {
        Report report = report(ReportGrouping.TEAM);
        report.add(detected("a", 0).then(ViolationStatus.DISPATCHED, 60, "off-01", null).stored());

        byte[] file = ReportCsv.of(report);

        assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n")[1]).startsWith("team,hecun,河村镇综合行政执法队,1,");
        assertThat(text).endsWith("\r\n").doesNotContain("\uFEFF");
    }

    @Test
    void shouldQuoteCellsWithCommasQuotesAndLineBreaksAsRfc4180Says() {
        assertThat(ReportCsv.quoted("plain 名")).isEqualTo("plain 名");
        assertThat(ReportCsv.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.quoted("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ReportCsv.quoted("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void shouldDisarmCellsThatASpreadsheetWouldRunAsFormulas() {
        for (String hostile : List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(ReportCsv.text(hostile)).as(hostile).startsWith("'").endsWith(hostile.substring(1));
        }
        assertThat(ReportCsv.text("hecun-g01")).isEqualTo("hecun-g01");
    }

    @Test
    void shouldDisarmAHostileGridNameThatReachesTheFileFromADevice() {
        Report report = report(ReportGrouping.GRID);
        var stored = detected("evil", 0).stored();
        var v = stored.latest();
        report.add(new io.gridwarden.alerting.store.StoredViolation(new io.gridwarden.common.action.Violation(v.id(), v.category(),
                v.status(), v.camera(), null, v.zone(), v.jurisdiction(), "=cmd|' /C calc'!A0,x", v.track(), v.label(), v.lat(),
                v.lon(), v.detectedAt(), null, null, null, null, v.updatedAt(), null), 1, stored.timeline()));

        String text = new String(ReportCsv.of(report), StandardCharsets.UTF_8);

        assertThat(text).contains("\r\ngrid,\"'=cmd|' /C calc'!A0,x\",\"'=cmd|' /C calc'!A0,x\",1,");
    }

    @Test
    void shouldNameTheFileForTheGroupingAndPeriod() {
        assertThat(ReportCsv.fileName(report(ReportGrouping.WEEK))).isEqualTo("gridwarden-report-week-2026-11-23-2026-11-30.csv");
    }
}
