package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.voiceWarning;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class MqttDeliveryTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private TestDevice gateway;
    private final TestSessions sessions = new TestSessions();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        gateway = TestDevice.start(vertx);
        harness.deploy(AlertingFixtures.config(harness.dataDir(), gateway.gatewayUrl()), sessions);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("A camera holding an MQTT session gets its command on the session, and the webhook is not called")
    void connectedDeviceGetsCommandOverMqtt() throws Exception {
        sessions.connect("cam-0001");
        Violation warned = hecunViolation("t-1", ViolationStatus.WARNED);
        harness.append(Action.update(warned));
        Action warning = voiceWarning(warned);
        harness.append(warning);

        eventually("the command is published", () -> sessions.published().size() == 1);
        assertThat(sessions.published().get(0).device()).isEqualTo("cam-0001");
        assertThat(sessions.published().get(0).command().getString("id")).isEqualTo(warning.command().id());
        eventually("the hand-over is counted", () -> harness.metric("gridwarden_alerting_commands_handed_over_total{channel=\"mqtt\"}") == 1);
        assertThat(gateway.pending()).isEmpty();
        eventually("the timeline says how it went", () -> timeline(warned).contains("handed over to cam-0001 by mqtt"));
    }

    @Test
    @DisplayName("A camera without a session gets its command by webhook")
    void disconnectedDeviceGetsWebhook() throws Exception {
        Action warning = voiceWarning(hecunViolation("t-2", ViolationStatus.WARNED));
        harness.append(warning);

        assertThat(gateway.next(TIMEOUT).body().getString("id")).isEqualTo(warning.command().id());
        assertThat(sessions.published()).isEmpty();
    }

    private String timeline(Violation v) {
        try {
            JsonObject body = harness.get("/v1/violations/" + v.id(), AlertingFixtures.ADMIN_TOKEN).bodyAsJsonObject();
            return body.getJsonArray("timeline").encode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
