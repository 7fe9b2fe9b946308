package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.tanshiViolation;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.ManualAssign;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A violation goes only to a team that may be sent to it (issue 13, hole 15): before, a dispatcher could
 * assign an officer of any team, e.g. the water bureau's, to a parked car.
 */
@ExtendWith(VertxExtension.class)
class AssignmentEligibilityTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private final Violation parking = hecunViolation("t-1", ViolationStatus.DISPATCHED);
    private final Violation tanshiParking = tanshiViolation("t-2", ViolationStatus.DISPATCHED);
    private final Violation riverLevel = riverLevel();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.append(Action.update(parking));
        harness.append(Action.update(tanshiParking));
        harness.append(Action.update(riverLevel));
        harness.deploy(null);
        eventually("the violations are stored", () -> status(riverLevel) == 200);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Assigning the water bureau's officer to a parked car is refused 409 officer-not-eligible, naming the officer and why; nothing is written")
    void waterBureauOfficerCannotTakeAParkingCase() throws Exception {
        HttpResponse<Buffer> refused = assign(parking, "off-47", HECUN_DISPATCHER_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:officer-not-eligible");
        assertThat(problem.getString("detail")).contains("off-47").contains("water-bureau").contains("illegal_parking")
                .contains("choose an officer of hecun");
        assertThat(harness.events()).isEmpty();
    }

    @Test
    @DisplayName("The admin may not either: who is competent for what is the town file's to say")
    void adminIsHeldToTheSameRule() throws Exception {
        assertThat(assign(parking, "off-47", ADMIN_TOKEN).statusCode()).isEqualTo(409);
        assertThat(assign(tanshiParking, "off-31", ADMIN_TOKEN).statusCode()).as("daqiao is not tanshi's neighbour").isEqualTo(409);
        assertThat(harness.events()).isEmpty();
    }

    @Test
    @DisplayName("The place's own team and its neighbours' teams (\"1+X\") may take a parking case; only the water bureau a river level")
    void legitimateTeamsAreAccepted() throws Exception {
        assertThat(assign(parking, "off-07", HECUN_DISPATCHER_TOKEN).statusCode()).isEqualTo(202);
        assertThat(assign(parking, "off-21", HECUN_DISPATCHER_TOKEN).statusCode()).as("tanshi backs hecun up").isEqualTo(202);
        assertThat(assign(tanshiParking, "off-01", ADMIN_TOKEN).statusCode()).as("hecun backs tanshi up").isEqualTo(202);
        assertThat(assign(riverLevel, "off-01", HECUN_DISPATCHER_TOKEN).statusCode()).isEqualTo(409);
        assertThat(assign(riverLevel, "off-47", HECUN_DISPATCHER_TOKEN).statusCode()).isEqualTo(202);

        assertThat(harness.events()).extracting(e -> ((ManualAssign) e.data()).officer()).containsExactlyInAnyOrder("off-07", "off-21", "off-01", "off-47");
    }

    private HttpResponse<Buffer> assign(Violation v, String officer, String token) throws Exception {
        return harness.post("/v1/violations/" + v.id() + "/assign", token, new JsonObject().put("officer", officer));
    }

    private int status(Violation v) {
        try {
            return harness.get("/v1/violations/" + v.id(), ADMIN_TOKEN).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** wl-01 (hecun) above its threshold: the water bureau's case. */
    private static Violation riverLevel() {
        Instant seen = Instant.parse("2026-11-22T08:00:00Z");
        return new Violation(ActionIds.violation("wl-01", "river_water_level", "water_level_m", seen), "river_water_level",
                ViolationStatus.DISPATCHED, null, "wl-01", null, "hecun", "hecun-river", null, "water_level_m", 28.745, 118.593,
                seen, null, seen, null, null, seen, "water_level_m above 3.5 for 120 s");
    }
}
