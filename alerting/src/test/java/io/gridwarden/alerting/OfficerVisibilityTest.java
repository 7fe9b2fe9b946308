package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Action.OfficerPosition;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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

/**
 * Officers' live positions stay within an operator's concern (issue 13, hole 8): before, GET /v1/town
 * as tanshi's viewer returned every officer of every team with their positions.
 */
@ExtendWith(VertxExtension.class)
class OfficerVisibilityTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.deploy(null);
        for (String officer : List.of("off-01", "off-21", "off-31", "off-47")) {
            harness.append(Action.officer(new OfficerPosition(officer, null, 28.74, 118.59, "available", Instant.parse("2026-11-22T08:00:00Z"))));
        }
        eventually("the positions are stored", () -> officers(ADMIN_TOKEN).stream().filter(o -> o.containsKey("lat")).count() == 4);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("tanshi's viewer sees tanshi's team, the water bureau and maintenance, not hecun's, daqiao's or xintangbian's officers nor their positions")
    void viewerSeesOnlyTheUnitsResponsibleInTheirJurisdiction() {
        List<JsonObject> seen = officers(TANSHI_VIEWER_TOKEN);

        assertThat(seen).extracting(o -> o.getString("unit")).containsOnly("tanshi", "water-bureau", "maintenance");
        assertThat(ids(seen)).containsExactlyElementsOf(range(21, 30, 47, 52)); // the maintenance unit (off-51, off-52) serves every jurisdiction
        assertThat(seen).filteredOn(o -> o.containsKey("lat")).extracting(o -> o.getString("id")).containsExactlyInAnyOrder("off-21", "off-47");
    }

    @Test
    @DisplayName("hecun's dispatcher also sees the neighbours' teams it may assign (\"1+X\"): in the demo town, every team")
    void dispatcherSeesTheTeamsItMayAssign() {
        assertThat(ids(officers(HECUN_DISPATCHER_TOKEN))).containsExactlyElementsOf(range(1, 52, 0, -1));
    }

    @Test
    @DisplayName("The admin (every jurisdiction) sees every officer")
    void adminSeesEveryone() {
        assertThat(ids(officers(ADMIN_TOKEN))).hasSize(52);
    }

    private List<JsonObject> officers(String token) {
        try {
            JsonArray officers = harness.get("/v1/town", token).bodyAsJsonObject().getJsonArray("officers");
            return IntStream.range(0, officers.size()).mapToObj(officers::getJsonObject).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<JsonObject> officers) {
        return officers.stream().map(o -> o.getString("id")).toList();
    }

    /** off-<from>…off-<to>, then off-<from2>…off-<to2> (none when to2 < from2). */
    private static List<String> range(int from, int to, int from2, int to2) {
        return IntStream.concat(IntStream.rangeClosed(from, to), IntStream.rangeClosed(from2, to2))
                .mapToObj(i -> String.format("off-%02d", i)).toList();
    }
}
