package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.SCRAPER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ViolationRoutesTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private final Violation hecun = hecunViolation("t-1", ViolationStatus.DISPATCHED);
    private final Violation tanshi = AlertingFixtures.violation("t-2", AlertingFixtures.TANSHI_CAMERA, "tanshi",
            ViolationStatus.WARNED, Instant.parse("2026-11-22T08:05:00Z"));

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        // Written before start: the view is rebuilt from the log.
        harness.append(Action.update(hecunViolation("t-1", ViolationStatus.DETECTED)));
        harness.append(Action.update(hecunViolation("t-1", ViolationStatus.WARNED)));
        harness.append(Action.update(hecun));
        harness.append(Action.update(tanshi));
        harness.deploy(null);
        eventually("alerting is ready", () -> status("/health/ready") == 200);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("A violation is served with its latest status and its whole timeline, rebuilt from the action log")
    void violationWithTimeline() throws Exception {
        var response = harness.get("/v1/violations/" + hecun.id(), HECUN_DISPATCHER_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("dispatched");
        assertThat(body.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("detected", "warned", "dispatched");
    }

    @Test
    @DisplayName("A violation outside the operator's jurisdictions is 404, as if it did not exist")
    void violationOutsideScopeIsNotFound() throws Exception {
        var response = harness.get("/v1/violations/" + hecun.id(), TANSHI_VIEWER_TOKEN);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    }

    @Test
    @DisplayName("The list is scoped to the operator and honours filters, newest detection first")
    void listIsScopedAndFiltered() throws Exception {
        assertThat(ids(harness.get("/v1/violations", ADMIN_TOKEN).bodyAsJsonObject().getJsonArray("items")))
                .containsExactly(tanshi.id(), hecun.id());
        assertThat(ids(harness.get("/v1/violations", TANSHI_VIEWER_TOKEN).bodyAsJsonObject().getJsonArray("items")))
                .containsExactly(tanshi.id());
        assertThat(ids(harness.get("/v1/violations?status=dispatched", ADMIN_TOKEN).bodyAsJsonObject().getJsonArray("items")))
                .containsExactly(hecun.id());
        assertThat(harness.get("/v1/violations?status=nonsense", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(harness.get("/v1/violations", null).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("Health is served without a token; metrics to an operator of role metrics or admin, and that role reads nothing else")
    void healthAndMetrics() throws Exception {
        assertThat(status("/health/live")).isEqualTo(200);
        assertThat(status("/metrics")).as("no token").isEqualTo(401);
        assertThat(harness.get("/metrics", TANSHI_VIEWER_TOKEN).statusCode()).as("a viewer").isEqualTo(403);
        assertThat(harness.get("/metrics", ADMIN_TOKEN).statusCode()).as("an admin").isEqualTo(200);
        assertThat(harness.get("/v1/violations", SCRAPER_TOKEN).statusCode()).as("the scraper on the API").isEqualTo(403);
        assertThat(harness.get("/v1/town", SCRAPER_TOKEN).bodyAsJsonObject().getString("detail")).contains("reads /metrics only");
        var metrics = harness.get("/metrics", SCRAPER_TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.bodyAsString()).contains("gridwarden_alerting_violations_open{status=\"dispatched\"} 1.0")
                .contains("gridwarden_alerting_sse_clients");
    }

    private int status(String path) {
        try {
            return harness.get(path, null).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.List<String> ids(JsonArray items) {
        return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
    }
}
