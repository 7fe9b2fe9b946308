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
import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.source.LogSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real job at parallelism 2, failed mid-stream by a test-only probe and restarted from its checkpoint. */
class FailureRecoveryIntegrationTest {

    private static final int PARALLELISM = MiniClusterFixtures.PARALLELISM;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusterFixtures.cluster();

    @TempDir
    Path dir;

    @Test
    @DisplayName("After a task failure mid-stream the job resumes from its checkpoint and every action is in the log exactly once")
    void shouldWriteEveryActionExactlyOnceAcrossATaskFailure() throws Exception {
        FailOnceProbe.reset();
        LogSpec events = LogSpec.of(dir.resolve("events"), 4);
        LogSpec actions = LogSpec.of(dir.resolve("actions"), 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConfig());
        env.setParallelism(PARALLELISM);
        EnforcementJob.build(env, new LogSource(events), new ActionLogSink(actions), TOWN, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY,
                Duration.ofSeconds(1), new FailOnceProbe(), COMMAND_IDS);
        JobClient job = env.executeAsync("failure-recovery-it");
        try {
            long t0 = System.currentTimeMillis() + 3_000;
            LogFixtures.append(events, firstHalf(t0));
            List<Action> before = LogFixtures.awaitActions(actions, a -> assignments(a).size() == 1, Duration.ofSeconds(60));
            String firstViolation = assignments(before).get(0).violation().id();
            String firstAssignment = assignments(before).get(0).command().id();
            awaitCheckpointAfter(FailOnceProbe.COMPLETED_CHECKPOINTS.get());

            FailOnceProbe.arm();
            long t1 = System.currentTimeMillis() + 3_000;
            LogFixtures.append(events, secondHalf(t1, firstAssignment));
            List<Action> written = LogFixtures.awaitActions(actions,
                    a -> assignments(a).size() == 2 && accepted(a) == 1, Duration.ofSeconds(90));

            assertThat(FailOnceProbe.FAILURES).as("the probe failed a task").hasValue(1);
            assertThat(written).extracting(Action::id).doesNotHaveDuplicates();
            assertThat(assignments(written)).as("actions written: %s", written).extracting(Action::target)
                    .containsExactlyInAnyOrder("off-02", "off-01");
            Map<String, Long> perViolation = assignments(written).stream()
                    .collect(Collectors.groupingBy(a -> a.violation().id(), Collectors.counting()));
            assertThat(perViolation).hasSize(2).allSatisfy((violation, count) -> assertThat(count).isEqualTo(1));
            assertThat(commands(written, Command.VOICE_WARNING)).extracting(Action::target).containsExactlyInAnyOrder(CAMERA, QUIET_CAMERA);
            assertThat(written).filteredOn(a -> a.kind() == Action.Kind.COMMAND_ACKED).singleElement()
                    .satisfies(a -> assertThat(a.violation().id()).isEqualTo(firstViolation));
            assertThat(accepted(written)).isEqualTo(1);
        } finally {
            MiniClusterFixtures.cancelAndAwait(job);
        }
    }

    private Configuration jobConfig() {
        Configuration config = MiniClusterFixtures.jobConfig(dir, Duration.ofMillis(500));
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return config;
    }

    /** off-02 stands near cam-0001, off-01 farther off; cam-0001's car stays and is dispatched to off-02. */
    private static List<DeviceEvent> firstHalf(long t0) {
        List<DeviceEvent> events = new ArrayList<>();
        events.add(officerStatus("off-01", t0, 28.7600, 118.586));
        events.add(officerStatus("off-02", t0, 28.7410, 118.586));
        for (long t = t0; t <= t0 + 6_000; t += 250) {
            events.add(detection(CAMERA, t, parkedCar("t-first")));
        }
        return events;
    }

    /** off-02 accepts; cam-0002's car stays and goes to off-01, the only free officer. */
    private static List<DeviceEvent> secondHalf(long t1, String command) {
        List<DeviceEvent> events = new ArrayList<>();
        events.add(new DeviceEvent("off-02-ack-" + t1, "off-02", EventType.COMMAND_ACK, Instant.ofEpochMilli(t1), null,
                new CommandAck(command, "accepted", null)));
        for (long t = t1; t <= t1 + 6_000; t += 250) {
            events.add(detection(QUIET_CAMERA, t, parkedCar("t-second")));
        }
        return events;
    }

    private static void awaitCheckpointAfter(int seen) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (FailOnceProbe.COMPLETED_CHECKPOINTS.get() <= seen + PARALLELISM && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<Action> assignments(List<Action> actions) {
        return commands(actions, Command.ASSIGNMENT);
    }

    private static long accepted(List<Action> actions) {
        return actions.stream().filter(a -> a.kind() == Action.Kind.VIOLATION_UPDATE && a.violation().status() == ViolationStatus.ACCEPTED)
                .count();
    }

    private static List<Action> commands(List<Action> actions, String type) {
        return actions.stream().filter(a -> a.command() != null && type.equals(a.command().type())).toList();
    }
}
