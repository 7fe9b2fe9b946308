package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.TownChange;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.junit5.VertxExtension;

/** Admins change the town file while alerting runs: checked whole, versioned durably, in the event log, rolled back. */
@ExtendWith(VertxExtension.class)
class TownVersionsTest {

    private static final String NEW_ADMIN_TOKEN = "town-versions-test-admin-token";

    @TempDir
    Path dir;
    private Vertx vertx;
    private AlertingHarness harness;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        harness = new AlertingHarness(vertx, dir);
        harness.deployWithTownVersions();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static String demoWithNewAdmin() {
        return Town.text(Town.DEMO).replace("operators:\n", "operators:\n  - {id: town-test-admin, name: T, role: admin, jurisdictions: ['*'],"
                + " tokenHash: " + Secrets.hash(NEW_ADMIN_TOKEN) + "}\n");
    }

    private HttpResponse<Buffer> submit(String token, String yaml) throws Exception {
        return client.post(harness.port(), "127.0.0.1", "/v1/town/versions").putHeader("content-type", "application/yaml")
                .bearerTokenAuthentication(token).sendBuffer(Buffer.buffer(yaml)).await(10, TimeUnit.SECONDS);
    }

    private List<TownChange> changes() {
        return harness.events().stream().filter(e -> e.type() == EventType.TOWN_CHANGE).map(DeviceEvent::data).map(TownChange.class::cast).toList();
    }

    @Test
    @DisplayName("A version that would move a team to another dispatch region is refused live, with a restart hint; nothing is applied")
    void refusesAVersionThatRegroupsDispatchRegions() throws Exception {
        String split = Town.text(Town.DEMO).replace("neighbours: [tanshi, daqiao, xintangbian]", "neighbours: [daqiao, xintangbian]")
                .replace("{id: tanshi, name: 檀石镇, neighbours: [hecun]}", "{id: tanshi, name: 檀石镇, neighbours: []}");
        assertThat(split).isNotEqualTo(Town.text(Town.DEMO));

        var refused = submit(ADMIN_TOKEN, split);

        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getString(0)).contains("tanshi").contains("restart");
        assertThat(changes()).isEmpty();
    }

    @Test
    @DisplayName("A valid version goes into every event-log partition, is stored with what it changed, and alerting uses it at once and after a restart")
    void appliesAndKeepsAVersion() throws Exception {
        var created = submit(ADMIN_TOKEN, demoWithNewAdmin());

        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject meta = created.bodyAsJsonObject();
        assertThat(meta.getLong("version")).isEqualTo(1);
        assertThat(meta.getString("author")).isEqualTo("demo-admin");
        assertThat(meta.getJsonObject("changes").getJsonObject("operators").getJsonArray("added")).containsExactly("town-test-admin");
        assertThat(changes()).hasSize(4).allSatisfy(c -> assertThat(c.version()).isEqualTo(1));
        assertThat(harness.get("/v1/town", NEW_ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(harness.get("/v1/town/versions/1", ADMIN_TOKEN).bodyAsString()).isEqualTo(demoWithNewAdmin());

        harness.undeploy();
        harness.deployWithTownVersions();

        assertThat(harness.get("/v1/town/versions", ADMIN_TOKEN).bodyAsJsonObject().getLong("current")).isEqualTo(1);
        assertThat(harness.get("/v1/town", NEW_ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("An invalid town file is refused 422 with every problem listed, and nothing is applied")
    void refusesAnInvalidTownWhole() throws Exception {
        String broken = Town.text(Town.DEMO).replace("role: dispatcher", "role: chief").replace("lat: 28.7405", "lat: 128.7405");

        var refused = submit(ADMIN_TOKEN, broken);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:town-invalid");
        assertThat(problem.getJsonArray("errors").size()).isGreaterThanOrEqualTo(2);
        assertThat(problem.getJsonArray("errors").encode()).contains("role chief").contains("coordinates out of range");
        assertThat(changes()).isEmpty();
        assertThat(harness.get("/v1/town/versions", ADMIN_TOKEN).bodyAsJsonObject().getLong("current")).isZero();
    }

    @Test
    @DisplayName("Only admins change the town file (403), and a body over 1 MiB is refused 413")
    void onlyAdminsAndBounded() throws Exception {
        assertThat(submit(HECUN_DISPATCHER_TOKEN, demoWithNewAdmin()).statusCode()).isEqualTo(403);
        assertThat(harness.get("/v1/town/versions", HECUN_DISPATCHER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(submit(ADMIN_TOKEN, "#".repeat(1024 * 1024 + 1)).statusCode()).isEqualTo(413);
        assertThat(changes()).isEmpty();
    }

    @Test
    @DisplayName("Rolling back re-applies an earlier version as a new one: the added admin's token stops working")
    void rollsBack() throws Exception {
        assertThat(submit(ADMIN_TOKEN, demoWithNewAdmin()).statusCode()).isEqualTo(201);

        var rolledBack = client.post(harness.port(), "127.0.0.1", "/v1/town/versions/0/rollback").bearerTokenAuthentication(ADMIN_TOKEN)
                .send().await(10, TimeUnit.SECONDS);

        assertThat(rolledBack.statusCode()).isEqualTo(201);
        assertThat(rolledBack.bodyAsJsonObject().getLong("version")).isEqualTo(2);
        assertThat(rolledBack.bodyAsJsonObject().getLong("rollbackOf")).isZero();
        assertThat(rolledBack.bodyAsJsonObject().getJsonObject("changes").getJsonObject("operators").getJsonArray("removed"))
                .containsExactly("town-test-admin");
        assertThat(harness.get("/v1/town", NEW_ADMIN_TOKEN).statusCode()).isEqualTo(401);
        assertThat(changes()).extracting(TownChange::version).containsOnly(1L, 2L).hasSize(8);
    }
}
