package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/officer/assignments}: an officer, signed in with their handset token, reads the violations
 * they hold and nothing else; operators' tokens are not officers' (nor the reverse).
 */
@ExtendWith(VertxExtension.class)
class OfficerAssignmentsTest {

    private static final String EVENTS = "http://127.0.0.1:18080/v1/events";

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private Violation mine;
    private Violation theirs;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.deploy(AlertingFixtures.config(dir.resolve("alerting"), null).withHandsetEvents(EVENTS), (java.time.Clock) java.time.Clock.systemUTC());
        Instant seen = Instant.now().minusSeconds(300);
        mine = dispatched("t-mine", "off-01", seen);
        theirs = dispatched("t-theirs", "off-02", seen.plusSeconds(5));
        eventually("both assignments are stored", () -> assignments("demo-off-01").size() == 1 && assignments("demo-off-02").size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("An officer sees the violation assigned to them, with the assignment's command id to acknowledge and where to send it")
    void officerSeesOwnAssignmentWithItsCommand() throws Exception {
        JsonObject body = harness.get("/v1/officer/assignments", "demo-off-01").bodyAsJsonObject();

        assertThat(body.getJsonObject("officer").getString("id")).isEqualTo("off-01");
        assertThat(body.getString("events")).isEqualTo(EVENTS);
        JsonObject only = body.getJsonArray("assignments").getJsonObject(0);
        assertThat(only.getJsonObject("violation").getString("id")).isEqualTo(mine.id());
        assertThat(only.getJsonObject("violation").getString("status")).isEqualTo("dispatched");
        assertThat(only.getJsonObject("command").getString("id")).isEqualTo(commandId(mine, "off-01"));
    }

    @Test
    @DisplayName("Another officer's token gets only their own; once the violation is reassigned or resolved it leaves the first officer's list")
    void anotherOfficerSeesNothingOfIt() throws Exception {
        assertThat(ids(assignments("demo-off-02"))).containsExactly(theirs.id());
        assertThat(assignments("demo-off-03")).as("an officer holding nothing").isEmpty();

        harness.append(Action.update(mine.withStatus(ViolationStatus.DISPATCHED, Instant.now(), "reassigned").withOfficer("off-03")));
        harness.append(Action.update(theirs.withStatus(ViolationStatus.RESOLVED, Instant.now(), "done")));
        eventually("off-01 and off-02 hold nothing", () -> assignments("demo-off-01").isEmpty() && assignments("demo-off-02").isEmpty());
    }

    @Test
    @DisplayName("Operators' tokens are refused on the officer's API, handset tokens on the operators' API, unknown tokens on both")
    void tokensDoNotCrossOver() throws Exception {
        assertThat(problem(harness.get("/v1/officer/assignments", ADMIN_TOKEN))).isEqualTo(401);
        assertThat(problem(harness.get("/v1/officer/assignments", null))).isEqualTo(401);
        assertThat(problem(harness.get("/v1/officer/assignments", "demo-cam-0001"))).as("a camera is not an officer").isEqualTo(401);
        assertThat(problem(harness.get("/v1/violations", "demo-off-01"))).isEqualTo(401);
        assertThat(problem(harness.get("/v1/town", "demo-off-01"))).isEqualTo(401);
    }

    @Test
    @DisplayName("The town's outline: tanshi's viewer gets tanshi's boundary and the town-wide roads and rivers; an officer gets every shape")
    void mapIsScopedForOperators() throws Exception {
        JsonArray viewer = harness.get("/v1/town/map", AlertingFixtures.TANSHI_VIEWER_TOKEN).bodyAsJsonObject().getJsonArray("shapes");
        JsonArray officer = harness.get("/v1/officer/map", "demo-off-21").bodyAsJsonObject().getJsonArray("shapes");

        assertThat(jurisdictions(viewer)).containsExactly("tanshi");
        assertThat(viewer.size()).isGreaterThan(1);
        assertThat(jurisdictions(officer)).containsExactly("hecun", "tanshi", "daqiao", "xintangbian");
        assertThat(problem(harness.get("/v1/town/map", "demo-off-21"))).isEqualTo(401);
    }

    @Test
    @DisplayName("The page is served with a CSP that lets it connect to ingest's origin only besides its own; the dashboard's CSP does not")
    void officerPageMayConnectToIngestOnly() throws Exception {
        HttpResponse<Buffer> redirect = harness.get("/officer", null);
        HttpResponse<Buffer> page = harness.get("/officer/", null);
        HttpResponse<Buffer> dashboard = harness.get("/", null);

        assertThat(redirect.bodyAsString()).as("/officer leads to the page").isEqualTo(page.bodyAsString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("id=\"token\"").doesNotContain("<script>");
        assertThat(page.getHeader("Content-Security-Policy")).contains("connect-src 'self' http://127.0.0.1:18080;").contains("script-src 'self';");
        assertThat(dashboard.getHeader("Content-Security-Policy")).contains("connect-src 'self';");
        for (String file : List.of("/officer/officer.js", "/officer/outbox.js", "/officer/photo.js", "/officer/sw.js", "/townmap.js")) {
            assertThat(harness.get(file, null).statusCode()).as(file).isEqualTo(200);
        }
    }

    private static List<String> jurisdictions(JsonArray shapes) {
        return IntStream.range(0, shapes.size()).mapToObj(shapes::getJsonObject).filter(s -> s.getString("jurisdiction") != null)
                .map(s -> s.getString("jurisdiction")).toList();
    }

    private Violation dispatched(String track, String officer, Instant seen) {
        Violation v = AlertingFixtures.violation(track, "cam-0001", "hecun", ViolationStatus.DISPATCHED, seen).withOfficer(officer);
        harness.append(Action.update(v));
        Instant issued = Instant.now();
        harness.append(Action.command(v, officer, new Command(commandId(v, officer), Command.ASSIGNMENT, v.id(), null, null, null, issued,
                null, v.category(), v.camera(), null, v.lat(), v.lon(), v.snapshot(), issued.plus(Duration.ofMinutes(3)))));
        return v;
    }

    private static String commandId(Violation v, String officer) {
        return AlertingFixtures.COMMAND_IDS.make(v.id(), Command.ASSIGNMENT, officer, v.updatedAt());
    }

    private static int problem(HttpResponse<Buffer> response) {
        assertThat(response.getHeader("content-type")).startsWith("application/problem+json");
        assertThat(response.bodyAsString()).doesNotContain("Exception");
        return response.statusCode();
    }

    private List<JsonObject> assignments(String token) {
        try {
            HttpResponse<Buffer> response = harness.get("/v1/officer/assignments", token);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonArray items = response.bodyAsJsonObject().getJsonArray("assignments");
            return IntStream.range(0, items.size()).mapToObj(items::getJsonObject).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<JsonObject> assignments) {
        return assignments.stream().map(a -> a.getJsonObject("violation").getString("id")).toList();
    }
}
