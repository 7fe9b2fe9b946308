package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.OfficerStatus;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The town file changed live, through the real process and the real CLI: cam-0001's parking zone moves from the
 * lower half of the image to the upper half (with a 3 s dwell, to keep the test short), and the next car is judged
 * by the new zone without a restart.
 */
@DisplayName("gridwarden town submit: a zone moved live")
class LiveTownChangeEndToEndTest {

    private static final String CAMERA = "cam-0001";
    private static final String OLD_ZONE = "{id: z-parking, category: illegal_parking, polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]],"
            + " dwell: 60s, grace: 30s, activeHours: []}";
    private static final String NEW_ZONE = "{id: z-parking, category: illegal_parking, polygon: [[0.0, 0.0], [1.0, 0.0], [1.0, 0.5], [0.0, 0.5]],"
            + " dwell: 3s, grace: 30s, activeHours: []}";
    /** A car whose foot stands in the upper half of the image (the new zone). */
    private static final DetectedObject UPPER_CAR = new DetectedObject("t-upper", "car", 0.93, new Box(0.40, 0.10, 0.15, 0.20));

    /** An officer the new version adds, with the handset token demo-off-99. */
    private static final String ADDED_OFFICER = "  - {id: off-99, name: 新队员99, unit: hecun, tokenHash: " + Secrets.hash("demo-off-99") + "}\n";

    @TempDir
    Path dataDir;

    private final List<Command> warnings = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("An admin moves cam-0001's parking zone and adds an officer with gridwarden town submit; the officer's handset signs in and the next car is judged by the new zone, the old one's car is not")
    void shouldJudgeTheNextCarByTheMovedZoneWithoutARestart() throws Exception {
        Path newTown = dataDir.resolve("town-v1.yaml");
        String demo = Town.text(Town.DEMO);
        int cam = demo.indexOf("- id: " + CAMERA + "\n");
        int zone = demo.indexOf(OLD_ZONE, cam);
        String moved = demo.substring(0, zone) + NEW_ZONE + demo.substring(zone + OLD_ZONE.length());
        int officers = moved.indexOf("  - {id: off-01,");
        Files.writeString(newTown, moved.substring(0, officers) + ADDED_OFFICER + moved.substring(officers));
        Path output = Files.createDirectories(Path.of("target", "e2e")).resolve(getClass().getSimpleName() + "-" + System.nanoTime() + ".log");
        try (var gateway = new CommandInbox(0, (device, command) -> {
                 if (device.equals(CAMERA) && command.type().equals(Command.VOICE_WARNING)) {
                     warnings.add(command);
                 }
             });
             var gridwarden = new GridwardenProcess(dataDir.resolve("data"), gateway.baseUrl(), output).start()) {
            assertThat(cli("town", "check", newTown.toString())).isZero();
            assertThat(cli("town", "submit", newTown.toString(), "--url", gridwarden.opsUrl(), "--token", "demo-admin")).isZero();

            var devices = new DeviceClient(gridwarden.ingestUrl());
            DemoEvents events = new DemoEvents("live-town");
            var added = devices.send("demo-off-99", List.of(events.officer("off-99", Instant.now(), 28.7409, 118.5864,
                    OfficerStatus.Availability.AVAILABLE)));
            assertThat(added.status()).as("the added officer's handset signs in without a restart: " + added.body()).isEqualTo(202);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(25));
            while (warnings.isEmpty()) {
                assertThat(Instant.now()).as("a voice warning within 25 s; see " + output).isBefore(deadline);
                var reply = devices.send(DeviceClient.demoToken(CAMERA),
                        List.of(events.frame(CAMERA, Instant.now(), List.of(UPPER_CAR, DemoEvents.car("t-lower")))));
                assertThat(reply.status()).as(reply.body()).isEqualTo(202);
                Thread.sleep(1_000);
            }

            String violation = operations(gridwarden, "/v1/violations/" + warnings.get(0).violation()).body();
            assertThat(violation).contains("\"track\":\"t-upper\"");
            assertThat(warnings).extracting(Command::violation).containsOnly(warnings.get(0).violation());
            assertThat(operations(gridwarden, "/v1/town/versions").body()).contains("\"current\":1").contains("cam-0001/z-parking");
        }
    }

    private static int cli(String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new Main()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int exit = line.execute(args);
        assertThat(err.toString()).as("gridwarden " + String.join(" ", args)).doesNotContain("Exception");
        return exit;
    }

    private static HttpResponse<String> operations(GridwardenProcess gridwarden, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + path))
                .header("Authorization", "Bearer demo-admin").build(), HttpResponse.BodyHandlers.ofString());
    }
}
