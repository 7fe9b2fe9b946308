package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed warnings and silent devices through the real process, in the demo town with short intervals:
 * cam-0001's parking zone at a 2 s dwell and 6 s grace, devices beating every second, offline after 3 s.
 */
@DisplayName("gridwarden run: a failed warning and a camera that goes silent")
class SilentCameraEndToEndTest {

    private static final String CAMERA = "cam-0001";

    @TempDir
    Path dir;

    private final DemoEvents events = new DemoEvents("silent");
    private final List<Command> warnings = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("A warning the camera could not play is dispatched at once; the camera then goes silent: its other car is not"
            + " dispatched on the stale sighting, a device_offline case goes to maintenance and is closed when the camera is back")
    void shouldDispatchAFailedWarningAtOnceAndSendMaintenanceToASilentCamera() throws Exception {
        try (var gateway = new CommandInbox(0, (device, command) -> {
                 if (Command.VOICE_WARNING.equals(command.type())) {
                     warnings.add(command);
                 }
             });
             var gridwarden = new GridwardenProcess(dir.resolve("data"), gateway.baseUrl(), ExposedPortsTest.output("silent-camera"))
                     .start(List.of("--town", shortIntervalsTown().toString()));
             var operator = new AlertStreamClient(gridwarden.opsUrl(), "demo-admin")) {
            var devices = new DeviceClient(gridwarden.ingestUrl());
            send(devices, "off-01", events.officer("off-01", Instant.now(), 28.7409, 118.5864, Availability.AVAILABLE));
            send(devices, "off-51", events.officer("off-51", Instant.now(), 28.7420, 118.5870, Availability.AVAILABLE));
            Instant firstSeen = Instant.now();
            String failing = ActionIds.violation(CAMERA, "z-parking", "t-fail", firstSeen);
            Instant deadline = Instant.now().plusSeconds(30);
            for (Instant t = firstSeen; warnings.size() < 2 && t.isBefore(deadline); t = Instant.now()) {
                send(devices, CAMERA, events.frame(CAMERA, t, List.of(DemoEvents.car("t-fail"), DemoEvents.car("t-stale"))));
                Thread.sleep(500);
            }
            assertThat(warnings).as("voice warnings to %s", CAMERA).hasSize(2);
            for (Command warning : warnings) { // the speaker of one is broken; then the camera says nothing more
                boolean broken = warning.violation().equals(failing);
                send(devices, CAMERA, events.ack(CAMERA, Instant.now(), warning.id(), broken ? "failed" : "played", broken ? "speaker broken" : null));
            }

            JsonNode dispatched = await(operator, a -> a.event().equals("violation.dispatched") && a.violation().path("id").asText().equals(failing));
            assertThat(dispatched.path("note").asText()).startsWith("voice warning failed: speaker broken");
            assertThat(dispatched.path("officer").asText()).isEqualTo("off-01");
            JsonNode offline = await(operator, a -> a.event().equals("violation.dispatched")
                    && a.violation().path("category").asText().equals("device_offline"));
            assertThat(offline.path("camera").asText()).isEqualTo(CAMERA);
            assertThat(offline.path("officer").asText()).isEqualTo("off-51");
            JsonNode stale = await(operator, a -> a.event().equals("violation.closed") && a.violation().path("track").asText().equals("t-stale"));
            assertThat(stale.path("note").asText()).startsWith("not re-checked");

            send(devices, CAMERA, events.heartbeat(CAMERA, Instant.now()));
            JsonNode back = await(operator, a -> a.event().equals("violation.closed") && a.violation().path("id").asText()
                    .equals(offline.path("id").asText()));
            assertThat(back.path("note").asText()).contains("device back online");
            assertThat(operator.alerts).noneMatch(a -> a.event().equals("violation.dispatched") && a.violation().path("track").asText().equals("t-stale"));
            assertThat(operator.alerts).noneMatch(a -> a.event().equals("violation.resolved_by_warning"));
        }
    }

    private static void send(DeviceClient devices, String device, DeviceEvent event) throws Exception {
        DeviceClient.Reply reply = devices.send(DeviceClient.demoToken(device), List.of(event));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    private static JsonNode await(AlertStreamClient operator, Predicate<AlertStreamClient.Alert> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        Optional<AlertStreamClient.Alert> found = Optional.empty();
        while (found.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            found = operator.alerts.stream().filter(wanted).findFirst();
        }
        assertThat(found).as("alerts so far: %s", operator.alerts).isPresent();
        return found.get().violation();
    }

    /** The demo town with cam-0001's parking at a 2 s dwell and 6 s grace, devices beating every second, offline after 3 s. */
    private Path shortIntervalsTown() throws Exception {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String zone = "polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]], dwell: 60s, grace: 30s,";
        String beats = "devices: {heartbeatEvery: 60s}";
        assertThat(demo).contains(zone).contains(beats);
        return Files.writeString(dir.resolve("town.yaml"), demo
                .replaceFirst(Pattern.quote(zone), zone.replace("dwell: 60s, grace: 30s", "dwell: 2s, grace: 6s"))
                .replace(beats, "devices: {heartbeatEvery: 1s}"));
    }
}
