package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.voiceWarning;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Commands to a camera that a town version applied while alerting runs has added. */
@DisplayName("Delivery to a device a live town version added")
@ExtendWith(VertxExtension.class)
class LiveTownDeliveryTest {

    private static final String ADDED = "cam-9001";

    @TempDir
    Path dir;

    private AlertingHarness harness;
    private TestDevice device;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        device = TestDevice.start(vertx);
        harness.deployWithTownVersions(device.gatewayUrl());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close(); // closes Vert.x, the device's server with it
    }

    @Test
    @DisplayName("A voice warning to a camera a version added reaches it through the command gateway, without a restart")
    void shouldDeliverToACameraAddedLive(Vertx vertx) throws Exception {
        String added = "cameras:\n  - id: " + ADDED + "\n    lat: 28.7405\n    lon: 118.586\n    jurisdiction: hecun\n    grid: hecun-g02\n"
                + "    tokenHash: " + Secrets.hash("demo-" + ADDED) + "\n    zones: []\n";
        var created = WebClient.create(vertx).post(harness.port(), "127.0.0.1", "/v1/town/versions").putHeader("content-type", "application/yaml")
                .bearerTokenAuthentication(ADMIN_TOKEN).sendBuffer(Buffer.buffer(Town.text(Town.DEMO).replace("\ncameras:\n", "\n" + added)))
                .await(10, TimeUnit.SECONDS);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

        Violation violation = AlertingFixtures.violation("t-live", ADDED, "hecun", ViolationStatus.WARNED);
        Action warning = voiceWarning(violation);
        harness.append(Action.update(violation));
        harness.append(warning);

        var received = device.next(AlertingHarness.TIMEOUT); // before: "no commandUrl for device cam-9001", never sent
        assertThat(received.device()).isEqualTo(ADDED);
        assertThat(received.body().getString("id")).isEqualTo(warning.command().id());
    }
}
