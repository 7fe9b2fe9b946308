package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ViolationStoreRestartTest {

    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("After a restart on the same data dir, history, timelines and cursor paging are all there, without replaying the log")
    void historySurvivesRestart() throws Exception {
        harness.deploy(null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Violation v = AlertingFixtures.violation("t-" + i, "cam-0001", "hecun", ViolationStatus.WARNED, MORNING.plusSeconds(60L * i));
            harness.append(Action.update(v));
            harness.append(Action.update(v.withStatus(ViolationStatus.RESOLVED_BY_WARNING, MORNING.plusSeconds(60L * i + 90), "gone")));
            ids.add(0, v.id()); // newest detection first
        }
        eventually("all are stored", () -> page("/v1/violations?status=resolved_by_warning").getJsonArray("items").size() == 5);

        harness.undeploy();
        long end = harness.append(Action.update(AlertingFixtures.violation("t-9", "cam-0134", "tanshi", ViolationStatus.DETECTED, MORNING)));
        AlertingVerticle restarted = harness.deploy(null);
        eventually("the new record is applied", () -> page("/v1/violations?jurisdiction=tanshi").getJsonArray("items").size() == 1);

        assertThat(restarted.resumedAt()).as("resumed where the store stopped, not at offset 0").isEqualTo(end);
        JsonObject first = page("/v1/violations?jurisdiction=hecun&limit=2");
        JsonObject second = page("/v1/violations?jurisdiction=hecun&limit=2&cursor=" + first.getString("nextCursor"));
        JsonObject third = page("/v1/violations?jurisdiction=hecun&limit=2&cursor=" + second.getString("nextCursor"));
        List<String> paged = new ArrayList<>();
        for (JsonObject p : List.of(first, second, third)) {
            p.getJsonArray("items").forEach(i -> paged.add(((JsonObject) i).getString("id")));
        }
        assertThat(paged).containsExactlyElementsOf(ids);
        assertThat(third.getString("nextCursor")).isNull();
        JsonObject one = harness.get("/v1/violations/" + ids.get(0), ADMIN_TOKEN).bodyAsJsonObject();
        assertThat(one.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("warned", "resolved_by_warning");
    }

    @Test
    @DisplayName("since and until bound the detection time; a cursor that was not handed out is 400")
    void windowAndBadCursor() throws Exception {
        harness.deploy(null);
        for (int i = 0; i < 3; i++) {
            harness.append(Action.update(AlertingFixtures.violation("w-" + i, "cam-0001", "hecun", ViolationStatus.DETECTED,
                    MORNING.plusSeconds(3600L * i))));
        }
        eventually("all are stored", () -> page("/v1/violations").getJsonArray("items").size() == 3);

        JsonObject window = page("/v1/violations?since=2026-11-22T09:00:00Z&until=2026-11-22T10:00:00Z");
        assertThat(window.getJsonArray("items")).hasSize(1);
        assertThat(window.getJsonArray("items").getJsonObject(0).getString("track")).isEqualTo("w-1");
        assertThat(harness.get("/v1/violations?cursor=bm9wZQ", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(harness.get("/v1/violations?since=yesterday", ADMIN_TOKEN).statusCode()).isEqualTo(400);
    }

    private JsonObject page(String path) {
        try {
            return harness.get(path, ADMIN_TOKEN).bodyAsJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
