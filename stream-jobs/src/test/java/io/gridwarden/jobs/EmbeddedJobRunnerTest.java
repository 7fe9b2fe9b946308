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
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.jobs.metrics.FlinkMetricsBridge;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJobRunnerTest {

    @TempDir
    Path dir;

    private JobSettings settings() {
        return new JobSettings(TOWN, LogSpec.of(dir.resolve("events"), 2), LogSpec.of(dir.resolve("actions"), 1),
                dir.resolve("checkpoints"), Duration.ofMillis(500), 2, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, COMMAND_IDS);
    }

    @Test
    void shouldFindTheNewestCompletedCheckpoint() throws Exception {
        Path job = dir.resolve(EmbeddedJobRunner.JOB_ID.toHexString());
        for (String chk : List.of("chk-2", "chk-10", "chk-11")) {
            Files.createDirectories(job.resolve(chk));
        }
        Files.createFile(job.resolve("chk-2").resolve("_metadata"));
        Files.createFile(job.resolve("chk-10").resolve("_metadata"));
        Files.createDirectories(job.resolve("shared"));

        assertThat(EmbeddedJobRunner.latestCheckpoint(dir)).contains(job.resolve("chk-10")); // chk-11 is incomplete
        assertThat(EmbeddedJobRunner.latestCheckpoint(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void shouldStartFreshWithoutACheckpointAndRestoreWithOne() throws Exception {
        assertThat(EmbeddedJobRunner.configuration(settings()).getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
        Path chk = dir.resolve("checkpoints").resolve(EmbeddedJobRunner.JOB_ID.toHexString()).resolve("chk-3");
        Files.createDirectories(chk);
        Files.createFile(chk.resolve("_metadata"));
        assertThat(EmbeddedJobRunner.configuration(settings()).get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(chk.toUri().toString());
    }

    @Test
    @DisplayName("Run the job with RocksDB state and checkpoints, stop it, and resume it from its last checkpoint")
    void shouldResumeFromTheLatestCheckpointAfterARestart() throws Exception {
        JobSettings settings = settings();
        long t0 = System.currentTimeMillis() + 3_000;
        JobClient first = EmbeddedJobRunner.start(settings);
        try {
            LogFixtures.append(settings.eventLog(), List.of(officerStatus("off-01", t0, 28.741, 118.586),
                    officerStatus("off-21", t0, 28.76, 118.60), detection(QUIET_CAMERA, t0, parkedCar("t-1"))));
            assertThat(assignments(LogFixtures.awaitActions(settings.actionLog(), a -> assignments(a).size() == 1, Duration.ofSeconds(60))))
                    .containsExactly("off-01");
            awaitCheckpointAfter(settings.checkpointDir(), 0);
        } finally {
            MiniClusterFixtures.cancelAndAwait(first);
        }
        long beforeStop = checkpointNumber(EmbeddedJobRunner.latestCheckpoint(settings.checkpointDir()).orElseThrow());

        JobClient second = EmbeddedJobRunner.start(settings);
        try {
            // off-01 holds the first violation in the restored state, so the new one goes to the neighbour team
            long t1 = System.currentTimeMillis() + 3_000;
            LogFixtures.append(settings.eventLog(), List.of(detection(CAMERA, t1, parkedCar("t-2"))));
            List<Action> actions = LogFixtures.awaitActions(settings.actionLog(), a -> assignments(a).size() == 2, Duration.ofSeconds(60));
            assertThat(assignments(actions)).containsExactly("off-01", "off-21");
            assertThat(actions).extracting(Action::id).doesNotHaveDuplicates();
            // a restored job continues the checkpoint numbering; a fresh one would start again at chk-1
            assertThat(awaitCheckpointAfter(settings.checkpointDir(), beforeStop)).isGreaterThan(beforeStop);
            assertJobMetricsOnTheProcessRegistry();
        } finally {
            MiniClusterFixtures.cancelAndAwait(second);
        }
    }

    /** The job's counters and the job manager's checkpoint figures reach a Prometheus registry of this process. */
    private static void assertJobMetricsOnTheProcessRegistry() {
        var registry = new PrometheusRegistry();
        FlinkMetricsBridge.exportTo(registry);
        String text = new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);

        assertThat(text).containsPattern("gridwarden_job_frames_total\\{[^}]*operator_name=\"decode-events\"[^}]*} [1-9]")
                .containsPattern("gridwarden_job_violation_updates_total\\{category=\"illegal_parking\",[^}]*status=\"dispatched\"[^}]*} [1-9]")
                .containsPattern("gridwarden_job_commands_total\\{[^}]*type=\"assignment\"[^}]*} [1-9]")
                .contains("gridwarden_job_bad_records_total{", "gridwarden_job_late_events_total{")
                .containsPattern("gridwarden_job_held_inputs\\{[^}]*operator_name=\"detect-and-escalate\"[^}]*} \\d")
                .contains("gridwarden_job_held_spilling_cameras{")
                // the frame's camera loaded once, its checks after it served from the cache
                .containsPattern("gridwarden_job_track_cache_misses_total\\{[^}]*operator_name=\"detect-and-escalate\"[^}]*} [1-9]")
                .containsPattern("gridwarden_job_track_cache_hits_total\\{[^}]*operator_name=\"detect-and-escalate\"[^}]*} [1-9]")
                .containsPattern("gridwarden_job_cached_tracks\\{[^}]*operator_name=\"detect-and-escalate\"[^}]*} [1-9]")
                .containsPattern("gridwarden_job_unread_records\\{[^}]*operator_name=\"Source: event-log\"[^}]*} \\d")
                .containsPattern("gridwarden_flink_job_number_of_completed_checkpoints\\{job_name=\"gridwarden-enforcement\"} [1-9]")
                .contains("gridwarden_flink_job_last_checkpoint_duration{");
    }

    private static List<String> assignments(List<Action> actions) {
        return actions.stream().filter(a -> a.command() != null && Command.ASSIGNMENT.equals(a.command().type()))
                .map(Action::target).toList();
    }

    private static long checkpointNumber(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }

    /** Waits until the newest completed checkpoint is another than chk-{@code after}, and returns its number. */
    private static long awaitCheckpointAfter(Path checkpointDir, long after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> latest = EmbeddedJobRunner.latestCheckpoint(checkpointDir).map(EmbeddedJobRunnerTest::checkpointNumber);
            if (latest.isPresent() && latest.get() != after) {
                return latest.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint after chk-" + after + " within 30 s");
    }
}
