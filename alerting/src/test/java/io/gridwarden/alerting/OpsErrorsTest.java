package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.testsupport.RefusingLog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is a 400 naming the parameter; anything unexpected a 500 that says nothing of alerting's insides. */
@ExtendWith(VertxExtension.class)
class OpsErrorsTest {

    private static final String FAR_FUTURE = "%2B1000000000-12-31T23:59:59Z";
    private static final String FAR_PAST = "-1000000000-01-01T00:00:00Z";
    /** A failing disk in the storage engine's own words: internal text (paths, engine errors) an API logs and never shows. */
    private static final String DISK_FULL = "IO error: /var/lib/gridwarden/events/000042.log: No space left on device";

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
    @DisplayName("A time far outside any calendar (year +1000000000) is a 400 naming the parameter, not a 500 'long overflow'")
    void timesOutOfRangeAreInvalidParameters() throws Exception {
        harness.append(Action.update(hecunViolation("t-1", ViolationStatus.DETECTED)));
        assertInvalid(harness.get("/v1/violations?until=" + FAR_FUTURE, ADMIN_TOKEN), "until");
        assertInvalid(harness.get("/v1/violations?since=" + FAR_PAST, ADMIN_TOKEN), "since");
        assertInvalid(harness.get("/v1/stats?until=" + FAR_FUTURE, ADMIN_TOKEN), "until");
        assertInvalid(harness.get("/v1/stats?since=" + FAR_PAST, ADMIN_TOKEN), "since");
        assertThat(harness.get("/v1/stats?since=2026-01-01T00:00:00Z&until=9999-12-31T23:59:59Z", ADMIN_TOKEN).statusCode())
                .as("the end of the calendar is still a time").isEqualTo(200);
    }

    @Test
    @DisplayName("Each bad query parameter or header is a 400 invalid-parameter naming it")
    void badParametersAreNamed() throws Exception {
        assertInvalid(harness.get("/v1/violations?limit=lots", ADMIN_TOKEN), "limit");
        assertInvalid(harness.get("/v1/violations?status=sleeping", ADMIN_TOKEN), "status");
        assertInvalid(harness.get("/v1/violations?since=yesterday", ADMIN_TOKEN), "since");
        assertInvalid(harness.get("/v1/violations?cursor=not-a-cursor", ADMIN_TOKEN), "cursor");
        assertInvalid(harness.get("/v1/violations?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", ADMIN_TOKEN), "since");
        assertInvalid(harness.get("/v1/stats?category=x&since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", ADMIN_TOKEN), "since");
        assertInvalid(harness.get("/v1/alerts/stream?status=sleeping", ADMIN_TOKEN), "status");
        try (SseClient sse = SseClient.open(vertx, harness.port(), "/v1/alerts/stream",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Last-Event-ID", "12"))) {
            assertThat(sse.status()).as("a Last-Event-ID this server never sent").isEqualTo(400);
        }
        assertInvalid(harness.get("/v1/alerts/stream?lastEventId=zz", ADMIN_TOKEN), "Last-Event-ID");
        assertInvalid(harness.get("/v1/violations?until=%ZZ", ADMIN_TOKEN), "query");
    }

    @Test
    @DisplayName("A close body that is a JSON array, or not JSON at all, is a 400 naming the body, with no Java class names")
    void badBodiesAreNamed() throws Exception {
        Violation open = hecunViolation("t-2", ViolationStatus.DISPATCHED);
        harness.append(Action.update(open));
        String close = "/v1/violations/" + open.id() + "/close";
        for (String body : new String[] {"[\"x\"]", "{\"reason\":", "\"x\"", "42", "null"}) {
            HttpResponse<Buffer> r = harness.postRaw(close, HECUN_DISPATCHER_TOKEN, body);
            assertInvalid(r, "body");
            assertThat(r.bodyAsString()).as(body).doesNotContain("java").doesNotContain("Json").doesNotContain("cast");
        }
        assertInvalid(harness.postRaw(close, HECUN_DISPATCHER_TOKEN, "{\"reason\": 42}"), "reason");
        assertInvalid(harness.postRaw(close, HECUN_DISPATCHER_TOKEN, "{}"), "reason");
        assertInvalid(harness.postRaw("/v1/violations/" + open.id() + "/assign", HECUN_DISPATCHER_TOKEN, "{\"officer\": \"off-99\"}"),
                "officer");
    }

    @Test
    @DisplayName("A body over the limit is a 413 problem")
    void oversizedBodyIsAProblem() throws Exception {
        HttpResponse<Buffer> r = harness.postRaw("/v1/violations/vio-x/close", HECUN_DISPATCHER_TOKEN,
                "{\"reason\":\"" + "x".repeat(40_000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:body-too-large");
    }

    @Test
    @DisplayName("An unexpected failure is a 500 internal-error problem that does not repeat the failure's text")
    void unexpectedFailureRevealsNothing() throws Exception {
        harness.undeploy();
        harness.deploy(AlertingFixtures.config(harness.dataDir(), null), new RefusingLog(4, new IllegalStateException(DISK_FULL)), DeviceSessions.NONE);
        Violation open = hecunViolation("t-3", ViolationStatus.DISPATCHED);
        harness.append(Action.update(open));
        AlertingHarness.eventually("the violation is in the store",
                () -> status(harness, "/v1/violations/" + open.id()) == 200);

        HttpResponse<Buffer> r = harness.post("/v1/violations/" + open.id() + "/close", HECUN_DISPATCHER_TOKEN,
                new JsonObject().put("reason", "gone"));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = r.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:internal-error");
        assertThat(r.bodyAsString()).doesNotContain("No space").doesNotContain("/var/lib").doesNotContain("Exception");
    }

    private static int status(AlertingHarness harness, String path) {
        try {
            return harness.get(path, ADMIN_TOKEN).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void assertInvalid(HttpResponse<Buffer> r, String parameter) {
        assertThat(r.statusCode()).as("status for %s: %s", parameter, r.bodyAsString()).isEqualTo(400);
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = r.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:invalid-parameter");
        assertThat(problem.getString("parameter")).isEqualTo(parameter);
        assertThat(problem.getString("detail")).doesNotContain("overflow").doesNotContain("Exception");
    }
}
