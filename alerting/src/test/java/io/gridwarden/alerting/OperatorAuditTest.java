package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.tanshiViolation;
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
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Operators' actions, accepted and refused, in the audit log, which only admins read (GET /v1/audit). */
@ExtendWith(VertxExtension.class)
class OperatorAuditTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private final Violation open = hecunViolation("t-1", ViolationStatus.DISPATCHED);
    private final Violation closed = hecunViolation("t-2", ViolationStatus.CLOSED);
    private final Violation tanshi = tanshiViolation("t-3", ViolationStatus.DISPATCHED);
    private Instant start;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.append(Action.update(open));
        harness.append(Action.update(closed));
        harness.append(Action.update(tanshi));
        harness.deploy(null);
        eventually("the violations are stored", () -> status("/v1/violations/" + tanshi.id(), ADMIN_TOKEN) == 200);
        start = Instant.now();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Who assigned or closed what, when, from where, with the outcome: accepted and refused attempts alike, newest first")
    void everyAttemptIsRecorded() throws Exception {
        assertThat(post(open, "assign", HECUN_DISPATCHER_TOKEN, new JsonObject().put("officer", "off-07")).statusCode()).isEqualTo(202);
        assertThat(post(open, "assign", HECUN_DISPATCHER_TOKEN, new JsonObject().put("officer", "off-47")).statusCode()).isEqualTo(409);
        assertThat(post(closed, "close", HECUN_DISPATCHER_TOKEN, new JsonObject().put("reason", "again")).statusCode()).isEqualTo(409);
        assertThat(post(tanshi, "close", TANSHI_VIEWER_TOKEN, new JsonObject().put("reason", "not mine to close")).statusCode()).isEqualTo(403);
        assertThat(post(tanshi, "assign", HECUN_DISPATCHER_TOKEN, new JsonObject().put("officer", "off-01")).statusCode()).isEqualTo(404);

        List<JsonObject> entries = audit("", ADMIN_TOKEN);

        assertThat(entries).hasSize(5);
        assertThat(entries).extracting(e -> e.getString("outcome")).containsExactly("refused", "refused", "refused", "refused", "accepted");
        assertThat(entries).extracting(e -> e.getString("problem"))
                .containsExactly("violation-not-found", "role-cannot-act", "violation-over", "officer-not-eligible", null);
        JsonObject accepted = entries.get(4);
        assertThat(accepted.getString("operator")).isEqualTo("demo-dispatcher-hecun");
        assertThat(accepted.getString("role")).isEqualTo("dispatcher");
        assertThat(accepted.getString("address")).isEqualTo("127.0.0.1");
        assertThat(accepted.getString("action")).isEqualTo("assign");
        assertThat(accepted.getString("violation")).isEqualTo(open.id());
        assertThat(accepted.getString("officer")).isEqualTo("off-07");
        assertThat(accepted.getInteger("status")).isEqualTo(202);
        assertThat(accepted.getString("event")).isEqualTo(harness.events().get(0).id());
        assertThat(Instant.parse(accepted.getString("at"))).isBetween(start, Instant.now());
        JsonObject refusedByRole = entries.get(1);
        assertThat(refusedByRole.getString("operator")).isEqualTo("demo-viewer-tanshi");
        assertThat(refusedByRole.getString("reason")).isEqualTo("not mine to close");
        assertThat(refusedByRole.getInteger("status")).isEqualTo(403);
        assertThat(entries.get(3).getString("detail")).contains("off-47");
    }

    @Test
    @DisplayName("Only admins read the audit log; anyone else gets 403 admin-only")
    void onlyAdminsReadIt() throws Exception {
        for (String token : List.of(HECUN_DISPATCHER_TOKEN, TANSHI_VIEWER_TOKEN)) {
            HttpResponse<Buffer> refused = harness.get("/v1/audit", token);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
            assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:admin-only");
        }
        assertThat(harness.get("/v1/audit", null).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("Filtered by operator and time, paged by cursor, and kept across a restart")
    void filteredPagedAndDurable() throws Exception {
        for (int i = 0; i < 5; i++) {
            post(open, "assign", HECUN_DISPATCHER_TOKEN, new JsonObject().put("officer", "off-0" + (i + 1)));
        }
        post(tanshi, "close", TANSHI_VIEWER_TOKEN, new JsonObject().put("reason", "x"));
        Instant after = Instant.now();

        harness.undeploy();
        harness.deploy(null);

        assertThat(audit("?operator=demo-viewer-tanshi", ADMIN_TOKEN)).singleElement()
                .satisfies(e -> assertThat(e.getString("operator")).isEqualTo("demo-viewer-tanshi"));
        assertThat(audit("?since=" + encode(after), ADMIN_TOKEN)).isEmpty();
        assertThat(audit("?until=" + encode(start), ADMIN_TOKEN)).isEmpty();
        JsonObject first = page("?operator=demo-dispatcher-hecun&limit=3");
        assertThat(first.getJsonArray("items")).hasSize(3);
        JsonObject second = page("?operator=demo-dispatcher-hecun&limit=3&cursor=" + first.getString("nextCursor"));
        assertThat(second.getJsonArray("items")).hasSize(2);
        assertThat(second.getString("nextCursor")).isNull();
        assertThat(officers(first)).containsExactly("off-05", "off-04", "off-03");
        assertThat(officers(second)).containsExactly("off-02", "off-01");
        assertThat(harness.get("/v1/audit?limit=0", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(harness.get("/v1/audit?cursor=bogus", ADMIN_TOKEN).statusCode()).isEqualTo(400);
    }

    private HttpResponse<Buffer> post(Violation v, String action, String token, JsonObject body) throws Exception {
        return harness.post("/v1/violations/" + v.id() + "/" + action, token, body);
    }

    private List<JsonObject> audit(String query, String token) throws Exception {
        JsonArray items = page(query, token).getJsonArray("items");
        return IntStream.range(0, items.size()).mapToObj(items::getJsonObject).toList();
    }

    private JsonObject page(String query) throws Exception {
        return page(query, ADMIN_TOKEN);
    }

    private JsonObject page(String query, String token) throws Exception {
        HttpResponse<Buffer> response = harness.get("/v1/audit" + query, token);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private static List<String> officers(JsonObject page) {
        JsonArray items = page.getJsonArray("items");
        return IntStream.range(0, items.size()).mapToObj(i -> items.getJsonObject(i).getString("officer")).toList();
    }

    private static String encode(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    private int status(String path, String token) {
        try {
            return harness.get(path, token).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
