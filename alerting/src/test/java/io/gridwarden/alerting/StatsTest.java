package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
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
class StatsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.deploy(null);
        // Three warned in hecun: two resolved by the warning (warned after 10 s), one dispatched after 150 s,
        // accepted 60 s later, resolved 600 s after detection; one tanshi violation still detected.
        for (int i = 0; i < 2; i++) {
            Violation v = detected("r-" + i, "cam-0001", "hecun", T0.plusSeconds(i));
            harness.append(Action.update(v = v.withStatus(ViolationStatus.WARNED, v.detectedAt().plusSeconds(10), null)));
            harness.append(Action.update(v.withStatus(ViolationStatus.RESOLVED_BY_WARNING, v.detectedAt().plusSeconds(100), null)));
        }
        Violation d = detected("d-1", "cam-0001", "hecun", T0.plusSeconds(5));
        harness.append(Action.update(d = d.withStatus(ViolationStatus.WARNED, T0.plusSeconds(25), null)));
        harness.append(Action.update(d = d.withStatus(ViolationStatus.DISPATCHED, T0.plusSeconds(155), null).withOfficer("off-01")));
        harness.append(Action.update(d = d.withStatus(ViolationStatus.ACCEPTED, T0.plusSeconds(215), null)));
        harness.append(Action.update(d.withStatus(ViolationStatus.RESOLVED, T0.plusSeconds(605), null)));
        harness.append(Action.update(detected("x-1", "cam-0134", "tanshi", T0.plusSeconds(9))));
        eventually("all are stored", () -> stats("demo-admin").getLong("total") == 4);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Stats count by category and status, the share resolved by warning, and p50/p90 times from known timestamps")
    void statsFromKnownActions() throws Exception {
        JsonObject s = stats("demo-admin");
        assertThat(s.getJsonObject("byStatus").getMap()).containsEntry("resolved_by_warning", 2).containsEntry("resolved", 1)
                .containsEntry("detected", 1);
        assertThat(s.getJsonObject("byCategory").getMap()).containsEntry("illegal_parking", 4);
        assertThat(s.getDouble("resolvedByWarningShare")).isCloseTo(2.0 / 3, within(1e-9));
        JsonObject times = s.getJsonObject("timeToSeconds");
        assertThat(times.getJsonObject("warn").getLong("count")).isEqualTo(3);
        assertThat(times.getJsonObject("warn").getDouble("p50")).isCloseTo(10, within(0.1));
        assertThat(times.getJsonObject("warn").getDouble("p90")).isCloseTo(20, within(0.1));
        assertThat(times.getJsonObject("dispatch").getDouble("p50")).isCloseTo(150, within(0.2));
        assertThat(times.getJsonObject("accept").getDouble("p50")).isCloseTo(60, within(0.1));
        assertThat(times.getJsonObject("resolve").getDouble("p90")).isCloseTo(600, within(1.0));
    }

    @Test
    @DisplayName("Stats are scoped: a tanshi viewer counts only tanshi's violation")
    void statsAreScoped() throws Exception {
        JsonObject s = stats("demo-viewer-tanshi");
        assertThat(s.getLong("total")).isEqualTo(1);
        assertThat(s.getValue("resolvedByWarningShare")).isNull();
    }

    @Test
    @DisplayName("A violation whose voice warning failed counts in warningsFailed, not in the share resolved by warning, even if it then left")
    void failedWarningsAreNotWarnings() throws Exception {
        Violation f = detected("f-1", "cam-0001", "hecun", T0.plusSeconds(20));
        harness.append(Action.update(f = f.withStatus(ViolationStatus.WARNED, T0.plusSeconds(30), null)));
        harness.append(Action.update(f.withStatus(ViolationStatus.DISPATCHED, T0.plusSeconds(31),
                "voice warning failed: speaker broken; dispatched without waiting for the grace period")));
        Violation late = detected("f-2", "cam-0001", "hecun", T0.plusSeconds(40));
        harness.append(Action.update(late = late.withStatus(ViolationStatus.WARNED, T0.plusSeconds(50), null)));
        harness.append(Action.update(late = late.withStatus(ViolationStatus.RESOLVED_BY_WARNING, T0.plusSeconds(80), "left within the grace period")));
        // the camera's (or alerting's) failed ack reached the jobs after the grace check had settled it
        harness.append(Action.acked("cam-0001", new Action.CommandAck("cmd-late", "failed", "expired", T0.plusSeconds(81)), late));
        eventually("all are stored", () -> stats("demo-admin").getLong("total") == 6 && stats("demo-admin").getLong("warningsFailed") == 2);

        JsonObject s = stats("demo-admin");
        assertThat(s.getLong("resolvedByWarning")).isEqualTo(2);
        assertThat(s.getDouble("resolvedByWarningShare")).isCloseTo(2.0 / 3, within(1e-9));
    }

    private JsonObject stats(String token) {
        try {
            return harness.get("/v1/stats?since=2026-11-22T00:00:00Z&until=2026-11-23T00:00:00Z", token).bodyAsJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Violation detected(String track, String camera, String jurisdiction, Instant at) {
        Violation v = AlertingFixtures.violation(track, camera, jurisdiction, ViolationStatus.DETECTED, at);
        return v.withStatus(ViolationStatus.DETECTED, at, null);
    }
}
