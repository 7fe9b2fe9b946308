package io.gridwarden.jobs;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.QUIET_CAMERA;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static io.gridwarden.jobs.LogFixtures.detection;
import static io.gridwarden.jobs.LogFixtures.officerStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.replay.ActionTime;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay of the stored event log through the live rules decides exactly what the live job decided. */
class ReplayJobTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Replaying the stored events with the live town reproduces the live job's actions in the window, ids and contents,"
            + " and writes nothing to the action log")
    void shouldReproduceTheLiveDecisionsExactly() throws Exception {
        JobSettings live = new JobSettings(TOWN, LogSpec.of(dir.resolve("events"), 4), LogSpec.of(dir.resolve("actions"), 1),
                dir.resolve("checkpoints"), Duration.ofSeconds(1), 2, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, COMMAND_IDS);
        JobClient job = EmbeddedJobRunner.start(live);
        try {
            // The scenario starts once the job runs: begun before, its first events were stored late, in a burst, while the
            // cluster started, and a late event may fall on the other side of a timer in the replay than it did live.
            MiniClusterFixtures.awaitRunning(job);
            long t0 = System.currentTimeMillis() + 1_000;
            // The window starts after the cars arrived and before they are warned: the replay must build that state first.
            Instant from = Instant.ofEpochMilli(t0 + 1_500);
            appendAsTheyHappen(live.eventLog(), scenario(t0));
            LogFixtures.awaitActions(live.actionLog(), a -> settled(a, "t-stay") && settled(a, "t-leave") && settled(a, "t-quiet"),
                    Duration.ofSeconds(60));
            Instant until = Instant.now();
            Thread.sleep(1_500); // the live watermark passes the window's end: every live action of the window is written
            List<Action> written = LogFixtures.readActions(live.actionLog());
            List<Action> liveActions = written.stream().filter(a -> ActionTime.within(a, from, until)).toList();

            List<Action> replayed = ReplayJob.run(new ReplaySettings(TOWN, live.eventLog(), from, until, live.maxDeviceDelay(), COMMAND_IDS,
                    live.parallelism(), true));

            assertThat(decisions(replayed)).isEqualTo(decisions(liveActions));
            assertThat(liveActions).filteredOn(a -> a.command() != null).extracting(a -> a.command().type())
                    .contains(Command.VOICE_WARNING, Command.ASSIGNMENT);
            assertThat(LogFixtures.readActions(live.actionLog())).as("the action log after the replay").hasSize(written.size());
        } finally {
            MiniClusterFixtures.cancelAndAwait(job);
        }
    }

    /** cam-0001 sees t-stay throughout and t-leave for 2.5 s; cam-0002 sees t-quiet once; two officers report. */
    private static List<DeviceEvent> scenario(long t0) {
        List<DeviceEvent> events = new ArrayList<>();
        events.add(officerStatus("off-01", t0, 28.7600, 118.586));
        events.add(officerStatus("off-02", t0, 28.7410, 118.586));
        events.add(officerStatus("off-47", t0, 28.7430, 118.587));
        for (long t = t0; t <= t0 + 6_000; t += 250) {
            events.add(t <= t0 + 2_500 ? detection(CAMERA, t, parkedCar("t-stay"), parkedCar("t-leave")) : detection(CAMERA, t, parkedCar("t-stay")));
        }
        events.add(detection(QUIET_CAMERA, t0 + 1_000, parkedCar("t-quiet")));
        events.add(LogFixtures.reading("wl-03", t0, 2.4));
        events.add(LogFixtures.reading("wl-03", t0 + 500, 2.6));
        return events;
    }

    /** Each device event appended when its device time comes, as devices that send as they see do. */
    private static void appendAsTheyHappen(LogSpec log, List<DeviceEvent> events) throws InterruptedException {
        List<DeviceEvent> inOrder = events.stream().sorted(java.util.Comparator.comparing(DeviceEvent::time)).toList();
        for (DeviceEvent event : inOrder) {
            Thread.sleep(Math.max(0, event.time().toEpochMilli() - System.currentTimeMillis()));
            LogFixtures.append(log, List.of(event));
        }
    }

    /**
     * The actions as stored, sorted by id: equal lists mean the same ids with the same contents, every field
     * included (the snapshot too: detection applies frames in event-time order, so a decision at t sees the
     * frames up to t whatever ran ahead of the clock).
     */
    private static List<String> decisions(List<Action> actions) {
        return actions.stream().map(a -> new String(ActionCodec.encode(a), StandardCharsets.UTF_8)).sorted().toList();
    }

    /** Whether the track's violation has gone beyond its warning: settled by it, dispatched, or left without an officer. */
    private static boolean settled(List<Action> actions, String track) {
        return actions.stream().anyMatch(a -> a.kind() == Action.Kind.VIOLATION_UPDATE && track.equals(a.violation().track())
                && List.of(ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.DISPATCHED, ViolationStatus.UNASSIGNED).contains(a.violation().status()));
    }
}
