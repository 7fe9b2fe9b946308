package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.voiceWarning;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.delivery.DeliveryOwnership;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Alerting as one of several instances: it delivers only the commands it owns, and never one another instance handed over. */
@DisplayName("Alerting delivering only the commands it owns")
@ExtendWith(VertxExtension.class)
class ScaleOutDeliveryTest {

    @TempDir
    Path dir;

    private AlertingHarness harness;
    private TestDevice device;
    private AlertingVerticle alerting;
    private volatile boolean owned;

    /** Owns every command while {@link #owned}, none otherwise. */
    private final DeliveryOwnership ownership = DeliveryOwnership.ownsWhile(() -> owned);

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        device = TestDevice.start(vertx);
        alerting = harness.deploy(AlertingFixtures.config(dir.resolve("alerting"), device.gatewayUrl()), ownership);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close(); // closes Vert.x, the device's server with it
    }

    @Test
    @DisplayName("A command it does not own stays pending, unsent; once taken over it is sent, once")
    void shouldSendAPendingCommandOnlyOnceTakenOver() throws Exception {
        Action warning = warned("t-1");
        Thread.sleep(500);
        assertThat(device.pending()).as("sent while not owned").isEmpty();

        owned = true;
        int taken = alerting.scaleOut().takeOver(id -> true).await(10, TimeUnit.SECONDS);

        assertThat(taken).isEqualTo(1);
        assertThat(device.next(AlertingHarness.TIMEOUT).body().getString("id")).isEqualTo(warning.command().id());
        Thread.sleep(300);
        assertThat(device.pending()).as("sent again").isEmpty();
    }

    @Test
    @DisplayName("A command another instance handed over is not sent when taken over, and its timeline names that instance")
    void shouldNotSendACommandAnotherInstanceHandedOver() throws Exception {
        Action warning = warned("t-2");
        Thread.sleep(500);

        alerting.scaleOut().handedOverElsewhere(warning.target(), warning.command(), "webhook", "alerting-2", Instant.now());
        owned = true;
        alerting.scaleOut().takeOver(id -> true).await(10, TimeUnit.SECONDS);
        Thread.sleep(500);

        assertThat(device.pending()).as("sent although handed over by another instance").isEmpty();
        String timeline = harness.get("/v1/violations/" + warning.violation().id(), AlertingFixtures.ADMIN_TOKEN).bodyAsString();
        assertThat(timeline).contains("handed over to " + warning.target() + " by webhook (alerting instance alerting-2)");
    }

    @Test
    @DisplayName("A command that reaches the action log after the take-over started is sent by its new owner, once")
    void shouldSendACommandAppliedAfterTheTakeOverStarted() throws Exception {
        owned = true;
        int taken = alerting.scaleOut().takeOver(id -> true).await(10, TimeUnit.SECONDS);
        Action warning = warned("t-3");

        assertThat(taken).as("pending when taken over").isZero();
        assertThat(device.next(AlertingHarness.TIMEOUT).body().getString("id")).isEqualTo(warning.command().id());
        Thread.sleep(300);
        assertThat(device.pending()).as("sent again").isEmpty();
    }

    @Test
    @DisplayName("A voice warning that reaches the action log after its deadline is not played by its owner, and its timeline says it expired")
    void shouldNotSendAWarningThatExpiredBeforeItReachedTheLog() throws Exception {
        owned = true;
        Violation violation = hecunViolation("t-4", ViolationStatus.WARNED);
        Action late = voiceWarning(violation, Instant.now().minusSeconds(9)); // the job wrote it 9 s past its grace
        harness.append(Action.update(violation));
        harness.append(late);
        Thread.sleep(500);

        assertThat(alerting.scaleOut().takeOver(id -> true).await(10, TimeUnit.SECONDS)).as("pending when taken over").isZero();
        Thread.sleep(300);
        assertThat(device.pending()).as("played after its deadline").isEmpty();
        String timeline = harness.get("/v1/violations/" + violation.id(), AlertingFixtures.ADMIN_TOKEN).bodyAsString();
        assertThat(timeline).contains(late.command().id() + " to " + late.target() + " expired before it could be delivered");
    }

    @Test
    @DisplayName("A voice warning that expired while no instance owned it is recorded as expired when taken over, not dropped silently")
    void shouldRecordAWarningThatExpiredWhileUnowned() throws Exception {
        Violation violation = hecunViolation("t-5", ViolationStatus.WARNED);
        Action warning = voiceWarning(violation, Instant.now().plusMillis(700));
        harness.append(Action.update(violation));
        harness.append(warning);
        Thread.sleep(1_200); // its partition had no owner until after the deadline

        owned = true;
        assertThat(alerting.scaleOut().takeOver(id -> true).await(10, TimeUnit.SECONDS)).as("resumed").isZero();

        assertThat(device.pending()).as("played after its deadline").isEmpty();
        String timeline = waitForTimeline(violation, "expired before it could be delivered");
        assertThat(timeline).contains(warning.command().id() + " to " + warning.target() + " expired before it could be delivered");
    }

    private String waitForTimeline(Violation violation, String text) throws Exception {
        String timeline = "";
        for (int i = 0; i < 50 && !timeline.contains(text); i++) {
            Thread.sleep(100);
            timeline = harness.get("/v1/violations/" + violation.id(), AlertingFixtures.ADMIN_TOKEN).bodyAsString();
        }
        return timeline;
    }

    /** A warned violation and its voice warning (a deadline: awaiting its acknowledgement once taken), in the action log. */
    private Action warned(String track) {
        Violation violation = hecunViolation(track, ViolationStatus.WARNED);
        Action warning = voiceWarning(violation);
        harness.append(Action.update(violation));
        harness.append(warning);
        return warning;
    }
}
