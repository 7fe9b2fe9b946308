package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.town.Town;
import io.gridwarden.testsupport.FakeIsapiCamera;
import io.gridwarden.testsupport.IsapiAlerts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voice warnings played on an ISAPI camera's own speaker: a fake camera on loopback that insists on HTTP Digest. */
@DisplayName("ISAPI camera speaker")
class IsapiSpeakerTest {

    @TempDir
    Path dir;

    private Optional<CommandAck> ackOf(AlertingHarness harness, String command) {
        return harness.events().stream().filter(e -> e.type() == EventType.COMMAND_ACK).map(DeviceEvent::data)
                .map(CommandAck.class::cast).filter(a -> a.command().equals(command)).findFirst();
    }

    private Action warningFor(String camera, String jurisdiction, Instant expires) {
        return AlertingFixtures.voiceWarning(AlertingFixtures.violation("t-" + System.nanoTime(), camera, jurisdiction, ViolationStatus.WARNED), expires);
    }

    /** Alerting over the demo town with cam-0111 at {@code camera}, and a voice warning for cam-0111 appended to its action log. */
    private Action deployAndWarn(AlertingHarness harness, FakeIsapiCamera camera) throws Exception {
        Town town = Town.load(IsapiAlerts.demoTown(dir.resolve("town.yaml"), camera.address(), "30s").toString());
        harness.deploy(AlertingFixtures.config(dir.resolve("alerting"), null), town);
        Action warning = warningFor(IsapiAlerts.CAMERA, "xintangbian", Instant.now().plusSeconds(600));
        harness.append(warning);
        return warning;
    }

    @Test
    @DisplayName("A voice warning is played through the camera's ISAPI audio alarm under Digest, and acknowledged played in the event log")
    void shouldPlayTheClipUnderDigestAndRecordAPlayedAck() throws Exception {
        try (var camera = new FakeIsapiCamera("admin", "demo-isapi"); var harness = new AlertingHarness(Vertx.vertx(), dir)) {
            Action warning = deployAndWarn(harness, camera);

            eventually("the camera's played ack is in the event log", () -> ackOf(harness, warning.command().id()).isPresent());
            assertThat(ackOf(harness, warning.command().id())).hasValueSatisfying(a -> assertThat(a.result()).isEqualTo("played"));
            assertThat(harness.events()).filteredOn(e -> e.type() == EventType.COMMAND_ACK).singleElement().satisfies(e -> {
                assertThat(e.source()).isEqualTo(IsapiAlerts.CAMERA);
                assertThat(e.id()).isEqualTo("ack-" + warning.command().id() + "-played");
            });
            assertThat(camera.challenged()).isNotEmpty();
            List<FakeIsapiCamera.Request> requests = camera.requests();
            assertThat(requests).extracting(FakeIsapiCamera.Request::uri).containsExactly(
                    "/ISAPI/Event/triggers/notifications/AudioAlarm?format=json", "/ISAPI/Event/triggers/notifications/AudioAlarm/1/test?format=json");
            assertThat(new JsonObject(requests.get(0).body()).getJsonObject("AudioAlarm"))
                    .isEqualTo(new JsonObject().put("audioID", 1).put("alarmTimes", 2));
        }
    }

    @Test
    @DisplayName("A live town version that moves a camera's ISAPI speaker is used for its next voice warning, without a restart")
    void shouldPlayOnTheSpeakerALiveTownVersionGave() throws Exception {
        try (var camera = new FakeIsapiCamera("admin", "demo-isapi"); var harness = new AlertingHarness(Vertx.vertx(), dir)) {
            harness.deployWithTownVersions(); // the demo town: cam-0111's speaker at 127.0.0.1:8071, where nothing listens
            String moved = Files.readString(IsapiAlerts.demoTown(dir.resolve("moved.yaml"), camera.address(), "30s"));
            var created = harness.postRaw("/v1/town/versions", AlertingFixtures.ADMIN_TOKEN, moved);
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

            Action warning = warningFor(IsapiAlerts.CAMERA, "xintangbian", Instant.now().plusSeconds(600));
            harness.append(warning);

            eventually("the camera's ack is in the event log", () -> ackOf(harness, warning.command().id()).isPresent());
            assertThat(ackOf(harness, warning.command().id())).hasValueSatisfying(a -> assertThat(a.result()).isEqualTo("played"));
            assertThat(camera.requests()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("A camera answering an ISAPI error yields a failed ack with the camera's statusString")
    void shouldRecordAFailedAckWhenTheCameraRefuses() throws Exception {
        try (var camera = new FakeIsapiCamera("admin", "demo-isapi").refusingToPlay(); var harness = new AlertingHarness(Vertx.vertx(), dir)) {
            Action warning = deployAndWarn(harness, camera);

            eventually("the camera's failed ack is in the event log", () -> ackOf(harness, warning.command().id()).isPresent());
            assertThat(ackOf(harness, warning.command().id())).hasValueSatisfying(a -> {
                assertThat(a.result()).isEqualTo("failed");
                assertThat(a.note()).isEqualTo("Invalid Operation (notSupport)");
            });
        }
    }

    @Test
    @DisplayName("A voice warning that expired undelivered is acknowledged failed with note expired, whatever the camera")
    void shouldRecordAFailedExpiredAckForAWarningThatExpiredUndelivered() throws Exception {
        try (var harness = new AlertingHarness(Vertx.vertx(), dir)) {
            harness.deploy(AlertingFixtures.config(dir.resolve("alerting"), null), Town.demo());
            Action warning = warningFor(AlertingFixtures.HECUN_CAMERA, "hecun", Instant.now().minusSeconds(1));

            harness.append(warning);

            eventually("the expired warning's failed ack is in the event log", () -> ackOf(harness, warning.command().id()).isPresent());
            assertThat(ackOf(harness, warning.command().id())).hasValueSatisfying(a -> {
                assertThat(a.result()).isEqualTo("failed");
                assertThat(a.note()).isEqualTo("expired");
            });
        }
    }
}
