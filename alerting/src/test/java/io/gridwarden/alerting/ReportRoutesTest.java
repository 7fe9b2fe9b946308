package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/reports} through the real operations server on a real action log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportRoutesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PERIOD = "since=2026-11-23T00:00:00Z&until=2026-11-30T00:00:00Z";

    private Vertx vertx;
    private AlertingHarness harness;
    @TempDir
    static Path dir;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = new AlertingHarness(vertx, dir);
        // hecun: one settled by its warning, one that hecun's off-01 rejected and tanshi's off-21 took ("1+X"); tanshi: one of its own
        Violation settled = AlertingFixtures.violation("r-1", "cam-0001", "hecun", ViolationStatus.WARNED, T0);
        harness.append(Action.update(settled));
        harness.append(Action.update(settled.withStatus(ViolationStatus.RESOLVED_BY_WARNING, T0.plusSeconds(100), null)));
        Violation crossed = AlertingFixtures.violation("x-1", "cam-0001", "hecun", ViolationStatus.WARNED, T0.plusSeconds(5));
        harness.append(Action.update(crossed = crossed.withStatus(ViolationStatus.DISPATCHED, T0.plusSeconds(155), null).withOfficer("off-01")));
        harness.append(Action.update(crossed = crossed.withStatus(ViolationStatus.ESCALATED, T0.plusSeconds(200), "rejected by off-01: busy")
                .withOfficer(null)));
        harness.append(Action.update(crossed.withStatus(ViolationStatus.DISPATCHED, T0.plusSeconds(201), null).withOfficer("off-21")));
        Violation own = AlertingFixtures.violation("t-1", "cam-0134", "tanshi", ViolationStatus.DISPATCHED, T0.plusSeconds(9)).withOfficer("off-22");
        harness.append(Action.update(own));
        harness.deploy(null);
        eventually("all are stored", () -> report("by=team&" + PERIOD, ADMIN_TOKEN).getJsonObject("total").getLong("cases") == 3
                && report("by=team&" + PERIOD, ADMIN_TOKEN).getJsonObject("total").getLong("reassignments") == 1);
    }

    @AfterAll
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("An admin's report by team gives each team's cases, those a neighbour took and the share settled by warning")
    void adminReportByTeam() {
        JsonObject r = report("by=team&" + PERIOD, ADMIN_TOKEN);

        assertThat(r.getString("by")).isEqualTo("team");
        assertThat(r.getString("timezone")).isEqualTo("Asia/Shanghai");
        JsonObject hecun = group(r, "hecun");
        assertThat(hecun.getLong("cases")).isEqualTo(2);
        assertThat(hecun.getLong("crossedToNeighbour")).as("the case tanshi's officer took").isEqualTo(1);
        assertThat(hecun.getString("name")).isEqualTo("河村镇综合行政执法队");
        assertThat(hecun.getLong("rejections")).isEqualTo(1);
        assertThat(hecun.getDouble("settledByWarningShare")).as("one of two settled warnings").isEqualTo(0.5);
        assertThat(group(r, "tanshi").getLong("cases")).isEqualTo(1);
        assertThat(r.getJsonObject("total").getJsonObject("timeToSeconds").getJsonObject("dispatch").getLong("count")).isEqualTo(2);
    }

    @Test
    @DisplayName("Reports are scoped as /v1/violations and /v1/stats are: a hecun dispatcher asking for tanshi gets nothing, a tanshi viewer only tanshi's case")
    void reportsAreScopedLikeTheOtherEndpoints() throws Exception {
        assertThat(report("by=team&" + PERIOD, HECUN_DISPATCHER_TOKEN).getJsonObject("total").getLong("cases")).isEqualTo(2);
        for (String token : List.of(HECUN_DISPATCHER_TOKEN, TANSHI_VIEWER_TOKEN, ADMIN_TOKEN)) {
            for (String jurisdiction : List.of("hecun", "tanshi")) {
                String q = PERIOD + "&jurisdiction=" + jurisdiction;
                long reported = report("by=day&" + q, token).getJsonObject("total").getLong("cases");
                long listed = harness.get("/v1/violations?" + q, token).bodyAsJsonObject().getJsonArray("items").size();
                long counted = harness.get("/v1/stats?" + q, token).bodyAsJsonObject().getLong("total");
                assertThat(reported).as(token + " asking for " + jurisdiction).isEqualTo(listed).isEqualTo(counted);
            }
        }
        JsonObject tanshiViewer = report("by=officer&" + PERIOD, TANSHI_VIEWER_TOKEN);
        assertThat(tanshiViewer.getJsonArray("groups")).extracting(g -> ((JsonObject) g).getString("key")).containsExactly("off-22");
    }

    @Test
    @DisplayName("Accept: text/csv gives an attachment in UTF-8 with a byte-order mark, Chinese names intact")
    void csvDownload() throws Exception {
        HttpResponse<Buffer> csv = io.vertx.ext.web.client.WebClient.create(vertx).get(harness.port(), "127.0.0.1", "/v1/reports?by=team&" + PERIOD)
                .bearerTokenAuthentication(ADMIN_TOKEN).putHeader("Accept", "text/csv").send().await(AlertingHarness.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.getHeader("content-type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(csv.getHeader("content-disposition")).isEqualTo("attachment; filename=\"gridwarden-report-team-2026-11-23-2026-11-30.csv\"");
        byte[] bytes = csv.body().getBytes();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("team,hecun,河村镇综合行政执法队,2,").contains("\r\ntotal,all,all,3,");
        assertThat(harness.get("/v1/reports?format=csv&" + PERIOD, ADMIN_TOKEN).getHeader("content-type")).startsWith("text/csv");
    }

    @Test
    @DisplayName("An unknown grouping, a period over 92 days or a missing token is refused with a problem that says what to do")
    void refusals() throws Exception {
        HttpResponse<Buffer> badBy = harness.get("/v1/reports?by=district", ADMIN_TOKEN);
        assertThat(badBy.statusCode()).isEqualTo(400);
        assertThat(badBy.bodyAsJsonObject().getString("parameter")).isEqualTo("by");
        assertThat(badBy.bodyAsJsonObject().getString("detail")).contains("team, officer, category, grid, day, week");
        HttpResponse<Buffer> tooLong = harness.get("/v1/reports?since=2026-01-01T00:00:00Z&until=2026-06-01T00:00:00Z", ADMIN_TOKEN);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.bodyAsJsonObject().getString("detail")).contains("at most 92 days");
        assertThat(harness.get("/v1/reports?format=xlsx", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(harness.get("/v1/reports", null).statusCode()).isEqualTo(401);
    }

    private JsonObject report(String query, String token) {
        try {
            HttpResponse<Buffer> r = harness.get("/v1/reports?" + query, token);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            return r.bodyAsJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject group(JsonObject report, String key) {
        JsonArray groups = report.getJsonArray("groups");
        return groups.stream().map(JsonObject.class::cast).filter(g -> key.equals(g.getString("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + groups));
    }
}
