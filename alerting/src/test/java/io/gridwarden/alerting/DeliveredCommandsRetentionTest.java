package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.voiceWarning;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.log.LogEntry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of delivered and acknowledged commands are deleted once their command can no longer be sent
 * (issue 13, hole 13): before, they were never deleted.
 */
@ExtendWith(VertxExtension.class)
class DeliveredCommandsRetentionTest {

    private static final String SWEPT = "gridwarden_alerting_records_swept_total{store=\"delivered_commands\"}";

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private TestDevice device;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        device = TestDevice.start(vertx);
        harness.deploy(AlertingFixtures.config(harness.dataDir(), device.gatewayUrl())
                .withRetention(AlertingConfig.DEFAULT_RETENTION, Duration.ofMillis(50)), clock);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("A delivered and acknowledged voice warning's records go once it has expired and the keep time is over;"
            + " the same id coming back is then refused as expired, not sent again")
    void recordsGoOnceTheCommandCanNoLongerBeSent() throws Exception {
        Violation warned = hecunViolation("t-1", ViolationStatus.WARNED);
        Action warning = voiceWarning(warned);
        harness.append(warning);
        assertThat(device.next(TIMEOUT).body().getString("id")).isEqualTo(warning.command().id());
        harness.append(Action.acked("cam-0001", new Action.CommandAck(warning.command().id(), "played", null, Instant.now()), warned));
        eventually("the ack is recorded", () -> harness.metric("gridwarden_alerting_commands_acked_total{result=\"played\"}") == 1);

        clock.advance(Duration.ofDays(1));
        Thread.sleep(200); // sweeps go by
        assertThat(harness.metric(SWEPT)).as("kept a day after: a replay could still bring the id back").isZero();

        clock.advance(DeliveredCommands.KEEP_AT_LEAST);
        eventually("the delivered and the acked record are swept", () -> harness.metric(SWEPT) == 2);
        // A replay of the jobs past the action log's de-duplication window writes the same command again.
        harness.actionLog().append(List.of(new LogEntry("actions", "replayed/" + warning.id(), ActionCodec.encode(warning)))).join();
        eventually("the id coming back is expired", () -> harness.metric("gridwarden_alerting_commands_expired_total{type=\"voice_warning\"}") == 1);
        assertThat(device.pending()).isEmpty();

        harness.undeploy();
        try (DeliveredCommands store = DeliveredCommands.open(harness.dataDir().resolve("delivered-commands"))) {
            assertThat(store.contains(warning.command().id())).isFalse();
        }
    }
}
