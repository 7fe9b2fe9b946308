package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process's wall clock jumps an hour forward and back while a car is parked. The machine's clock
 * is shared (setting it would move every other process's), so {@code wall-clock-offset.c}, preloaded into
 * the process, adds an offset read from a file to its CLOCK_REALTIME; its monotonic clock stays real, as
 * when an administrator or NTP steps the clock. The decision must come once, when it is due: no timer
 * firing early because time leapt, none held back.
 */
@DisplayName("the wall clock jumps")
class ClockJumpTest {

    private static final String CAMERA = "cam-0001";
    /** cam-0001's parking zone, shortened from 60 s so that the test is short. */
    private static final Duration DWELL = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<Instant> warnings = new CopyOnWriteArrayList<>();
    private final List<String> warningIds = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("An hour forward and back while a car is parked: one voice warning, when its dwell is up, not at the jump")
    void shouldDecideOnceAndOnTimeWhenTheClockJumps() throws Exception {
        Path offset = dir.resolve("wall-clock-offset-seconds");
        PreloadLibrary.write(offset, "0");
        Map<String, String> jumpingClock = Map.of("LD_PRELOAD", PreloadLibrary.build(dir, "wall-clock-offset.c").toString(),
                "WALL_CLOCK_OFFSET_FILE", offset.toString());
        var events = new DemoEvents("clock-jump");
        try (var gateway = new CommandInbox(0, this::received);
             var gridwarden = new GridwardenProcess(dir.resolve("data"), gateway.baseUrl(), ExposedPortsTest.output("clock-jump"))
                     .withEnvironment(jumpingClock).start(List.of("--town", shortDwellTown().toString()))) {
            var camera = new DeviceClient(gridwarden.ingestUrl());
            Instant parked = Instant.now();
            Instant giveUp = parked.plus(DWELL).plusSeconds(15);
            while (warnings.isEmpty() && Instant.now().isBefore(giveUp)) {
                long sinceParked = Duration.between(parked, Instant.now()).toSeconds();
                if (sinceParked == 4) {
                    PreloadLibrary.write(offset, "3600");
                } else if (sinceParked == 10) {
                    PreloadLibrary.write(offset, "0");
                }
                assertThat(camera.send(DeviceClient.demoToken(CAMERA), List.of(events.frame(CAMERA, Instant.now(),
                        List.of(DemoEvents.car("t-parked")))))).extracting(DeviceClient.Reply::status).isEqualTo(202);
                Thread.sleep(1000);
            }
            Thread.sleep(3000); // room for a second warning, if one were (wrongly) decided

            assertThat(warnings).as("voice warnings to %s", CAMERA).isNotEmpty();
            Duration after = Duration.between(parked, warnings.get(0));
            System.out.printf("clock jump: voice warning %d ms after parking (dwell %s); warnings %s%n", after.toMillis(), DWELL, warningIds);
            assertThat(after).as("the warning came when the dwell was up, not when the clock leapt")
                    .isGreaterThanOrEqualTo(DWELL.minusSeconds(2)).isLessThan(DWELL.plusSeconds(10));
            assertThat(warningIds.stream().distinct()).as("one decision").hasSize(1);
        }
    }

    private void received(String device, Command command) {
        if (CAMERA.equals(device) && Command.VOICE_WARNING.equals(command.type())) {
            warnings.add(Instant.now());
            warningIds.add(command.id());
        }
    }

    /** The demo town with cam-0001's parking zone at a 20 s dwell. */
    private Path shortDwellTown() throws Exception {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String zone = "{id: z-parking, category: illegal_parking, polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]], dwell: 60s,";
        assertThat(demo).contains(zone);
        return Files.writeString(dir.resolve("town.yaml"), demo.replaceFirst(Pattern.quote(zone),
                zone.replace("dwell: 60s", "dwell: " + DWELL.toSeconds() + "s")));
    }
}
