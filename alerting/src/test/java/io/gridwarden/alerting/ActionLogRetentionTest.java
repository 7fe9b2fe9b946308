package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.LogSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action log is swept like the event log (issue 13, hole 13): alerting, its consumer, acknowledges
 * what it has applied durably, and records are deleted only once both old and acknowledged. Before,
 * nobody acknowledged it, so it was never swept.
 */
@ExtendWith(VertxExtension.class)
class ActionLogRetentionTest {

    private static final Duration RETENTION = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) {
        LogSpec actions = LogSpec.of(dir.resolve("actions"), 1).withRetention(RETENTION).withSweepInterval(Duration.ofMillis(50));
        harness = new AlertingHarness(vertx, dir, actions);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Actions alerting has applied are acknowledged, then deleted once past the retention; the violations stay queryable")
    void appliedActionsAreAcknowledgedAndSwept() throws Exception {
        harness.deploy(null);
        List<Violation> violations = IntStream.range(0, 600).mapToObj(i -> hecunViolation("t-" + i, ViolationStatus.DETECTED)).toList();
        harness.appendAll(violations.stream().map(Action::update).toList());

        eventually("alerting acknowledges every action it applied", () -> harness.actionLog().acknowledged(0) == 600);
        eventually("the acknowledged actions are swept once past the retention", () -> records().isEmpty());
        assertThat(harness.actionLog().endOffset(0)).isEqualTo(600);
        assertThat(harness.get("/v1/violations/" + violations.get(0).id(), ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(harness.get("/v1/violations/" + violations.get(599).id(), ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("Actions alerting has not applied yet are kept however old, and swept only after it applied them")
    void unappliedActionsAreKeptWhateverTheirAge() throws Exception {
        harness.deploy(null);
        harness.undeploy();
        Violation waiting = hecunViolation("t-waiting", ViolationStatus.DETECTED);
        harness.append(Action.update(waiting));

        Thread.sleep(RETENTION.multipliedBy(4).toMillis()); // old enough, sweeps went by
        assertThat(records()).hasSize(1);
        assertThat(harness.actionLog().acknowledged(0)).isZero();

        harness.deploy(null);
        eventually("alerting applies the waiting action", () -> status(waiting) == 200);
        eventually("then it is acknowledged and swept", () -> harness.actionLog().acknowledged(0) == 1 && records().isEmpty());
    }

    private List<LogRecord> records() {
        return harness.actionLog().read(0, 0, 10_000);
    }

    private int status(Violation v) {
        try {
            return harness.get("/v1/violations/" + v.id(), ADMIN_TOKEN).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
