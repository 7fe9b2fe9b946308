package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.voiceWarning;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.delivery.RetryPolicy;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.command.DeviceSessions;
import java.time.Duration;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
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

@ExtendWith(VertxExtension.class)
class CommandDeliveryTest {

    private static final String DELIVERED_VOICE = "gridwarden_alerting_commands_delivered_total{type=\"voice_warning\"}";

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private TestDevice device;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        device = TestDevice.start(vertx);
        harness.deploy(device.gatewayUrl());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("A voice warning in the action log reaches the camera's gateway endpoint as the contract's JSON")
    void voiceWarningReachesGateway() throws Exception {
        Action warning = voiceWarning(hecunViolation("t-1", ViolationStatus.WARNED));
        harness.append(warning);

        TestDevice.Received got = device.next(TIMEOUT);
        assertThat(got.device()).isEqualTo("cam-0001");
        assertThat(got.contentType()).startsWith("application/json");
        assertThat(got.body()).isEqualTo(new JsonObject(Json.toString(warning.command())));
        assertThat(got.body().getString("type")).isEqualTo("voice_warning");
        assertThat(got.body().getString("id")).startsWith("cmd-");
        assertThat(got.body().fieldNames()).doesNotContain("lat", "respondBy", "camera");
        eventually("the delivery is counted", () -> harness.metric(DELIVERED_VOICE) == 1);
    }

    @Test
    @DisplayName("A device that answers 500 twice then 200 gets the same command on the third try")
    void retriesUntilTheDeviceTakesIt() throws Exception {
        device.answer(500, 500);
        Action warning = voiceWarning(hecunViolation("t-2", ViolationStatus.WARNED));
        harness.append(warning);

        var ids = IntStream.range(0, 3).mapToObj(i -> next()).map(r -> r.body().getString("id")).toList();
        assertThat(ids).containsOnly(warning.command().id()).hasSize(3);
        eventually("the delivery is counted", () -> harness.metric(DELIVERED_VOICE) == 1);
        assertThat(harness.metric("gridwarden_alerting_delivery_retries_total{type=\"voice_warning\"}")).isEqualTo(2);
        assertThat(device.pending()).isEmpty();
    }

    @Test
    @DisplayName("An acknowledged command is not sent again by a new alerting on the same data dir and log")
    void acknowledgedCommandIsNotResentAfterRestart() throws Exception {
        Violation warned = hecunViolation("t-3", ViolationStatus.WARNED);
        Action first = voiceWarning(warned);
        harness.append(first);
        assertThat(device.next(TIMEOUT).body().getString("id")).isEqualTo(first.command().id());
        eventually("the delivery is recorded", () -> harness.metric(DELIVERED_VOICE) == 1);
        harness.append(Action.acked("cam-0001", new Action.CommandAck(first.command().id(), "played", null, Instant.now()), warned));
        eventually("the ack is recorded", () -> harness.metric("gridwarden_alerting_commands_acked_total{result=\"played\"}") == 1);

        harness.undeploy();
        AlertingVerticle restarted = harness.deploy(device.gatewayUrl());
        Action second = voiceWarning(hecunViolation("t-4", ViolationStatus.WARNED));
        harness.append(second);

        // The tailer handles the log in order: by the time the second command arrives, the first was considered.
        assertThat(device.next(TIMEOUT).body().getString("id")).isEqualTo(second.command().id());
        assertThat(restarted.resumedAt()).as("resumed after the first command and its ack, not from the log's start").isEqualTo(2);
        eventually("the second delivery is counted", () -> harness.metric(DELIVERED_VOICE) == 1);
        assertThat(device.pending()).isEmpty();
    }

    @Test
    @DisplayName("A command that expired before it could be sent is not sent, and its violation's timeline says so")
    void expiredCommandIsNotSent() throws Exception {
        Violation stale = hecunViolation("t-5", ViolationStatus.WARNED);
        harness.append(Action.update(stale));
        harness.append(voiceWarning(stale, Instant.now().minusSeconds(60)));
        Action fresh = voiceWarning(hecunViolation("t-6", ViolationStatus.WARNED));
        harness.append(fresh);

        assertThat(device.next(TIMEOUT).body().getString("id")).isEqualTo(fresh.command().id());
        assertThat(harness.metric("gridwarden_alerting_commands_expired_total{type=\"voice_warning\"}")).isEqualTo(1);
        JsonObject body = harness.get("/v1/violations/" + stale.id(), AlertingFixtures.ADMIN_TOKEN).bodyAsJsonObject();
        assertThat(body.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("warned", "expired");
    }

    @Test
    @DisplayName("A device that answers 500 forever stops getting the command once its acknowledgement is in the action log")
    void acknowledgementStopsRetries() throws Exception {
        device.answer(IntStream.range(0, 1000).map(i -> 500).toArray());
        Violation warned = hecunViolation("t-7", ViolationStatus.WARNED);
        harness.append(Action.update(warned));
        Action warning = voiceWarning(warned);
        harness.append(warning);
        device.next(TIMEOUT);
        device.next(TIMEOUT); // it is being retried

        harness.append(Action.acked("cam-0001", new Action.CommandAck(warning.command().id(), "played", null, Instant.now()), warned));
        eventually("the ack is counted", () -> harness.metric("gridwarden_alerting_commands_acked_total{result=\"played\"}") == 1);
        Thread.sleep(150); // an attempt already on the wire may still land
        int settled = drain();
        Thread.sleep(400); // four times the longest backoff
        assertThat(drain()).as("attempts after the acknowledgement settled (%d were in flight)", settled).isZero();
        JsonObject body = harness.get("/v1/violations/" + warned.id(), AlertingFixtures.ADMIN_TOKEN).bodyAsJsonObject();
        assertThat(body.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status"))).contains("acked");
    }

    @Test
    @DisplayName("A command the device took but never acknowledged is sent again under the same id until the ack arrives,"
            + " also by a restarted alerting")
    void takenButUnacknowledgedCommandIsSentAgainUntilAcknowledged() throws Exception {
        harness.undeploy();
        AlertingConfig quickAcks = AlertingFixtures.config(dir.resolve("alerting"), device.gatewayUrl())
                .withRetry(new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 0.2, 5, Duration.ofMillis(300)));
        harness.deploy(quickAcks, DeviceSessions.NONE);
        Violation warned = hecunViolation("t-8", ViolationStatus.WARNED);
        Action warning = voiceWarning(warned);
        harness.append(warning);

        assertThat(device.next(TIMEOUT).body().getString("id")).isEqualTo(warning.command().id());
        assertThat(device.next(TIMEOUT).body().getString("id")).as("sent again for want of an ack").isEqualTo(warning.command().id());
        harness.undeploy();
        drain();
        harness.deploy(quickAcks, DeviceSessions.NONE);
        assertThat(device.next(TIMEOUT).body().getString("id")).as("sent again after a restart").isEqualTo(warning.command().id());

        harness.append(Action.acked("cam-0001", new Action.CommandAck(warning.command().id(), "played", null, Instant.now()), warned));
        eventually("the ack is counted", () -> harness.metric("gridwarden_alerting_commands_acked_total{result=\"played\"}") == 1);
        Thread.sleep(150); // an attempt already on the wire may still land
        drain();
        Thread.sleep(900); // three ack timeouts
        assertThat(drain()).as("sends after the acknowledgement").isZero();
    }

    @Test
    @DisplayName("A camera's acknowledgement of its voice warning appears on the violation's timeline")
    void cameraAcknowledgementIsOnTheTimeline() throws Exception {
        Violation warned = hecunViolation("t-9", ViolationStatus.WARNED);
        harness.append(Action.update(warned));
        Action warning = voiceWarning(warned);
        harness.append(warning);
        device.next(TIMEOUT);

        // The jobs do not know which violation a camera's ack is about: alerting finds it by the command.
        harness.append(Action.acked("cam-0001", new Action.CommandAck(warning.command().id(), "played", null, Instant.now()), null));

        eventually("the ack is on the timeline", () -> timeline(warned).contains("acked"));
    }

    private List<String> timeline(Violation violation) {
        try {
            return harness.get("/v1/violations/" + violation.id(), AlertingFixtures.ADMIN_TOKEN).bodyAsJsonObject().getJsonArray("timeline")
                    .stream().map(e -> ((JsonObject) e).getString("status")).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int drain() {
        int n = 0;
        while (!device.pending().isEmpty()) {
            next();
            n++;
        }
        return n;
    }

    private TestDevice.Received next() {
        try {
            return device.next(TIMEOUT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
