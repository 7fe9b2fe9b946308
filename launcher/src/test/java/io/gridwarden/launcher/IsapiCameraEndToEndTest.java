package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.testsupport.FakeIsapiCamera;
import io.gridwarden.testsupport.IsapiAlerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hikvision camera through the real process: cam-0111 posts its ISAPI alerts to the alarm host as the
 * camera's "HTTP listening" does, alerting plays the warning on its own speaker (a fake camera on loopback
 * that insists on HTTP Digest), the camera's answer comes back to the job as an ack, and the car that stays
 * is dispatched after the grace period (3 s in this test's copy of the demo town).
 */
@DisplayName("A Hikvision ISAPI camera, end to end")
class IsapiCameraEndToEndTest {

    /** Close to cam-0111 (28.716162, 118.655156); off-41 is xintangbian's team. */
    private static final double[] NEAR = {28.7165, 118.6555};
    private static final String OFFICER = "off-41";

    @TempDir
    Path dir;

    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("regionEntrance and parking alerts for a car that stays: the camera plays the warning, acks played, and the car is dispatched")
    void shouldWarnThroughTheCamerasSpeakerThenDispatch() throws Exception {
        Path output = Files.createDirectories(Path.of("target", "e2e")).resolve(getClass().getSimpleName() + "-" + System.nanoTime() + ".log");
        try (var camera = new FakeIsapiCamera("admin", "demo-isapi");
             var gateway = new CommandInbox(0, (device, command) -> commands.add(command))) {
            Path town = IsapiAlerts.demoTown(dir.resolve("town.yaml"), camera.address(), "3s");
            try (var gridwarden = new GridwardenProcess(dir.resolve("data"), gateway.baseUrl(), output).start(List.of("--town", town.toString()));
                 var operator = new AlertStreamClient(gridwarden.opsUrl(), "demo-admin")) {
                var devices = new DeviceClient(gridwarden.ingestUrl());
                var officer = new DemoEvents("e2e").officer(OFFICER, Instant.now(), NEAR[0], NEAR[1], Availability.AVAILABLE);
                assertThat(devices.send(DeviceClient.demoToken(OFFICER), List.of(officer)).status()).isEqualTo(202);

                Instant entered = Instant.now().minusSeconds(50);
                alert(gridwarden, IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, entered, 1, "vehicle"), "application/xml");
                int post = 1;
                for (Instant t = entered.plusSeconds(10); t.isBefore(Instant.now()); t = t.plusSeconds(10)) {
                    alert(gridwarden, IsapiAlerts.json("parking", IsapiAlerts.MAC, t, post++, "vehicle"), "application/json");
                }
                keepParking(gridwarden, post, () -> operator.alerts.stream().anyMatch(a -> a.event().equals("violation.dispatched")));

                String violation = operator.alerts.stream().filter(a -> a.event().equals("violation.dispatched")).findFirst().orElseThrow()
                        .violation().path("id").asText();
                assertThat(camera.challenged()).isNotEmpty();
                assertThat(camera.requests()).extracting(FakeIsapiCamera.Request::uri)
                        .contains("/ISAPI/Event/triggers/notifications/AudioAlarm/1/test?format=json");
                awaitTrue(() -> timeline(gridwarden, violation).contains("answered played"), Duration.ofSeconds(30));
                assertThat(commands).filteredOn(c -> c.type().equals(Command.ASSIGNMENT)).singleElement()
                        .satisfies(c -> assertThat(c.violation()).isEqualTo(violation));
            }
        }
    }

    /** The camera's parking alerts every 2 s, as it re-posts while the car stays, until the condition holds (at most 2 minutes). */
    private void keepParking(GridwardenProcess gridwarden, int firstPost, BooleanSupplier until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        for (int post = firstPost; !until.getAsBoolean(); post++) {
            assertThat(Instant.now()).as("waited 2 minutes; commands so far: %s", commands).isBefore(deadline);
            alert(gridwarden, IsapiAlerts.json("parking", IsapiAlerts.MAC, Instant.now(), post, "vehicle"), "application/json");
            Thread.sleep(2000);
        }
    }

    private void alert(GridwardenProcess gridwarden, String body, String contentType) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(gridwarden.ingestUrl() + "/isapi/alarms/" + IsapiAlerts.SECRET))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    private String timeline(GridwardenProcess gridwarden, String violation) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + "/v1/violations/" + violation))
                    .header("Authorization", "Bearer demo-admin").build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }
}
