package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.tanshiViolation;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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

@ExtendWith(VertxExtension.class)
class AlertStreamTest {

    private static final String STREAM = "/v1/alerts/stream";

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
    @DisplayName("An operator with a valid token receives a dispatched violation as event violation.dispatched with an id and its JSON")
    void operatorReceivesDispatchedViolation() throws Exception {
        try (SseClient sse = open(STREAM, bearer(HECUN_DISPATCHER_TOKEN))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("content-type")).startsWith("text/event-stream");
            Violation dispatched = hecunViolation("t-1", ViolationStatus.DISPATCHED);
            harness.append(Action.update(dispatched));

            SseClient.Event event = sse.next(TIMEOUT);
            assertThat(event.event()).isEqualTo("violation.dispatched");
            assertThat(event.id()).isNotBlank();
            JsonObject data = new JsonObject(event.data());
            assertThat(data.getString("id")).isEqualTo(dispatched.id());
            assertThat(data.getString("status")).isEqualTo("dispatched");
            assertThat(data.getString("jurisdiction")).isEqualTo("hecun");
        }
    }

    @Test
    @DisplayName("The tanshi viewer does not receive a hecun violation, only tanshi's")
    void viewerSeesOnlyOwnJurisdiction() throws Exception {
        try (SseClient sse = open(STREAM, bearer(TANSHI_VIEWER_TOKEN))) {
            harness.append(Action.update(hecunViolation("t-3", ViolationStatus.DISPATCHED)));
            Violation tanshi = tanshiViolation("t-4", ViolationStatus.DISPATCHED);
            harness.append(Action.update(tanshi));

            // The stream is in log order: had the hecun violation leaked, it would arrive first.
            assertThat(new JsonObject(sse.next(TIMEOUT).data()).getString("id")).isEqualTo(tanshi.id());
        }
    }

    @Test
    @DisplayName("Query filters narrow the stream: status=dispatched skips a warned violation")
    void statusFilterNarrowsTheStream() throws Exception {
        try (SseClient sse = open(STREAM + "?status=dispatched,escalated", bearer(ADMIN_TOKEN))) {
            harness.append(Action.update(hecunViolation("t-5", ViolationStatus.WARNED)));
            harness.append(Action.update(hecunViolation("t-6", ViolationStatus.DISPATCHED)));
            assertThat(sse.next(TIMEOUT).event()).isEqualTo("violation.dispatched");
        }
    }

    @Test
    @DisplayName("No token or an unknown token is answered 401 with problem+json")
    void missingOrUnknownTokenIsRefused() throws Exception {
        for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), bearer("not-a-token"))) {
            try (SseClient sse = open(STREAM, headers)) {
                assertThat(sse.status()).isEqualTo(401);
                assertThat(sse.header("content-type")).isEqualTo("application/problem+json");
            }
        }
        var response = harness.get(STREAM + "?access_token=wrong", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(401);
    }

    @Test
    @DisplayName("Last-Event-ID resumes: the events after that id are replayed from the log, then live ones follow")
    void lastEventIdReplaysWhatWasMissed() throws Exception {
        String seen;
        try (SseClient first = open(STREAM, bearer(ADMIN_TOKEN))) {
            harness.append(Action.update(hecunViolation("t-7", ViolationStatus.DETECTED)));
            seen = first.next(TIMEOUT).id();
        }
        harness.append(Action.update(hecunViolation("t-7", ViolationStatus.WARNED)));
        harness.append(Action.update(hecunViolation("t-7", ViolationStatus.DISPATCHED)));

        try (SseClient sse = open(STREAM, Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Last-Event-ID", seen))) {
            assertThat(sse.next(TIMEOUT).event()).isEqualTo("violation.warned");
            assertThat(sse.next(TIMEOUT).event()).isEqualTo("violation.dispatched");
            harness.append(Action.update(hecunViolation("t-7", ViolationStatus.ACCEPTED)));
            assertThat(sse.next(TIMEOUT).event()).isEqualTo("violation.accepted");
        }
    }

    @Test
    @DisplayName("A new stream tells the client its position, so a reconnect before any event misses nothing")
    void streamStartsWithItsPosition() throws Exception {
        harness.append(Action.update(hecunViolation("t-8", ViolationStatus.DETECTED)));
        String position;
        try (SseClient sse = open(STREAM, bearer(TANSHI_VIEWER_TOKEN))) {
            assertThat(sse.nextComment(TIMEOUT)).isEqualTo("connected");
            position = sse.lastId();
            assertThat(position).isNotBlank();
        }
        Violation missed = tanshiViolation("t-9", ViolationStatus.WARNED);
        harness.append(Action.update(missed));
        try (SseClient sse = open(STREAM, Map.of("Authorization", "Bearer " + TANSHI_VIEWER_TOKEN, "Last-Event-ID", position))) {
            assertThat(new JsonObject(sse.next(TIMEOUT).data()).getString("id")).isEqualTo(missed.id());
        }
    }

    @Test
    @DisplayName("The ids a tanshi viewer sees do not reveal hecun's activity, and still resume where the viewer was")
    void idsDoNotRevealOtherJurisdictionsActivity() throws Exception {
        harness.undeploy();
        harness.deploy(null, java.time.Duration.ofMillis(50));
        try (SseClient sse = open(STREAM, bearer(TANSHI_VIEWER_TOKEN))) {
            assertThat(sse.nextComment(TIMEOUT)).isEqualTo("connected");
            String atStart = sse.lastId();
            assertThat(sse.nextComment(TIMEOUT)).isEqualTo("keepalive");
            String quiet = sse.lastId();

            for (int i = 0; i < 100; i++) {
                harness.append(Action.update(hecunViolation("t-h" + i, ViolationStatus.DETECTED)));
            }
            AlertingHarness.eventually("alerting read hecun's actions", () -> position(harness) >= 100);
            sse.nextComment(TIMEOUT);
            sse.nextComment(TIMEOUT);
            String afterHecun = sse.lastId();

            for (String id : List.of(atStart, quiet, afterHecun)) {
                assertThat(id).as("an id is not a log offset or any other number").doesNotMatch("-?[0-9]+");
                assertThat(id).as("every id has the same length").hasSameSizeAs(atStart);
            }
            assertThat(quiet).as("ids change with every block whether or not anything happened").isNotEqualTo(atStart);
            assertThat(afterHecun).isNotEqualTo(quiet);

            Violation tanshi = tanshiViolation("t-10", ViolationStatus.WARNED);
            harness.append(Action.update(tanshi));
            assertThat(new JsonObject(sse.next(TIMEOUT).data()).getString("id")).isEqualTo(tanshi.id());
            try (SseClient resumed = open(STREAM, Map.of("Authorization", "Bearer " + TANSHI_VIEWER_TOKEN, "Last-Event-ID", afterHecun))) {
                // each step on its own, so that a failure says which (this once timed out without saying)
                assertThat(resumed.status()).as("the resumed stream is served").isEqualTo(200);
                assertThat(resumed.nextComment(TIMEOUT)).isEqualTo("connected");
                assertThat(new JsonObject(resumed.next(TIMEOUT).data()).getString("id")).as("resumed after the hecun burst")
                        .isEqualTo(tanshi.id());
            }
        }
    }

    private static long position(AlertingHarness harness) {
        try {
            return harness.get("/health/ready", null).bodyAsJsonObject().getLong("actionLogPosition", -1L);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    @DisplayName("An idle stream gets a keepalive comment line")
    void idleStreamGetsKeepalive(Vertx vertx) throws Exception {
        harness.undeploy();
        harness.deploy(null, java.time.Duration.ofMillis(50));
        try (SseClient sse = open(STREAM, bearer(ADMIN_TOKEN))) {
            assertThat(sse.nextComment(TIMEOUT)).isEqualTo("connected");
            assertThat(sse.nextComment(TIMEOUT)).isEqualTo("keepalive");
        }
    }

    private SseClient open(String pathAndQuery, Map<String, String> headers) throws Exception {
        return SseClient.open(vertx, harness.port(), pathAndQuery, headers);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
