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
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.source.LogSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real job at parallelism 2 on a MiniCluster, between a real event log and a real action log. */
class EnforcementJobIntegrationTest {

    private static final int PARALLELISM = MiniClusterFixtures.PARALLELISM;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusterFixtures.cluster();

    @TempDir
    Path dir;

    @Test
    @DisplayName("Warn parked cars, dispatch the one that stays to the nearest officer, resolve the one that leaves, time out a quiet camera, and dispatch a high river level")
    void shouldWarnDispatchAndResolveFromTheEventLog() throws Exception {
        LogSpec events = LogSpec.of(dir.resolve("events"), 4);
        LogSpec actions = LogSpec.of(dir.resolve("actions"), 1);
        Configuration config = MiniClusterFixtures.jobConfig(dir, Duration.ofSeconds(1));
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(PARALLELISM);
        EnforcementJob.build(env, new LogSource(events), new ActionLogSink(actions), TOWN,
                LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, Duration.ofSeconds(1), COMMAND_IDS);
        JobClient job = env.executeAsync("enforcement-it");
        try {
            // Device times a little ahead, so the job is running before they fall due; after these
            // events the log goes silent and only ticks move the clock.
            long t0 = System.currentTimeMillis() + 3_000;
            LogFixtures.appendGarbage(events, CAMERA);
            LogFixtures.append(events, scenario(t0));

            List<Action> written = LogFixtures.awaitActions(actions,
                    a -> commands(a, Command.ASSIGNMENT).size() == 3 && violationOf(a, "t-leave", ViolationStatus.RESOLVED_BY_WARNING).isPresent(),
                    Duration.ofSeconds(60));

            assertThat(commands(written, Command.VOICE_WARNING)).as("actions written: %s", written).extracting(Action::target)
                    .containsExactlyInAnyOrder(CAMERA, CAMERA, QUIET_CAMERA);
            assertThat(violationOf(written, "t-leave", ViolationStatus.RESOLVED_BY_WARNING)).isPresent();
            assertThat(violationOf(written, "t-leave", ViolationStatus.DISPATCHED)).isEmpty();
            assertThat(violationOf(written, "t-stay", ViolationStatus.DISPATCHED))
                    .hasValueSatisfying(a -> assertThat(a.violation().officer()).isEqualTo("off-02"));
            assertThat(violationOf(written, "t-quiet", ViolationStatus.DISPATCHED))
                    .hasValueSatisfying(a -> assertThat(a.violation().officer()).isEqualTo("off-01"));
            assertThat(commands(written, Command.ASSIGNMENT)).extracting(Action::target).containsExactlyInAnyOrder("off-01", "off-02", "off-47");
            assertThat(written).filteredOn(a -> a.kind() == Action.Kind.VIOLATION_UPDATE && "wl-03".equals(a.violation().sensor())
                    && a.violation().status() == ViolationStatus.DISPATCHED).singleElement()
                    .satisfies(a -> assertThat(a.violation().officer()).isEqualTo("off-47"));
            assertThat(written).extracting(Action::id).doesNotHaveDuplicates();
        } finally {
            MiniClusterFixtures.cancelAndAwait(job);
        }
    }

    /**
     * cam-0001 sees t-stay throughout and t-leave only for its first 2.5 s; cam-0002 sees t-quiet once,
     * a second later, and then sends nothing. off-02 stands nearer cam-0001 than off-01.
     */
    private static List<DeviceEvent> scenario(long t0) {
        List<DeviceEvent> events = new ArrayList<>();
        events.add(officerStatus("off-01", t0, 28.7600, 118.586));
        events.add(officerStatus("off-02", t0, 28.7410, 118.586));
        for (long t = t0; t <= t0 + 6_000; t += 250) {
            DetectedObject stay = parkedCar("t-stay");
            events.add(t <= t0 + 2_500 ? detection(CAMERA, t, stay, parkedCar("t-leave")) : detection(CAMERA, t, stay));
        }
        events.add(detection(QUIET_CAMERA, t0 + 1_000, parkedCar("t-quiet")));
        // wl-03 (2.0 m for 1 s) reads high twice and then goes quiet: the water bureau's off-47 goes.
        events.add(officerStatus("off-47", t0, 28.7430, 118.587));
        events.add(LogFixtures.reading("wl-03", t0, 2.4));
        events.add(LogFixtures.reading("wl-03", t0 + 500, 2.6));
        return events;
    }

    private static List<Action> commands(List<Action> actions, String type) {
        return actions.stream().filter(a -> a.command() != null && type.equals(a.command().type())).toList();
    }

    private static Optional<Action> violationOf(List<Action> actions, String track, ViolationStatus status) {
        return actions.stream()
                .filter(a -> a.kind() == Action.Kind.VIOLATION_UPDATE && track.equals(a.violation().track())
                        && a.violation().status() == status)
                .findFirst();
    }
}
