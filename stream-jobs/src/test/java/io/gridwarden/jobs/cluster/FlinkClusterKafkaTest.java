package io.gridwarden.jobs.cluster;

import io.gridwarden.testsupport.FlinkSessionCluster;
import io.gridwarden.testsupport.FlinkSessionConfig;
import io.gridwarden.testsupport.SingleNodeKafka;
import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static io.gridwarden.jobs.LogFixtures.detection;
import static io.gridwarden.jobs.LogFixtures.officerStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.jobs.EnforcementJobMain;
import io.gridwarden.jobs.JobFixtures;
import io.gridwarden.jobs.cluster.KafkaFixtures.ActionRecord;
import io.gridwarden.jobs.kafka.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped job jar on a real standalone Flink cluster (separate job manager and task manager JVMs,
 * RocksDB state, checkpoints), submitted with {@code flink run}, between the topics of a real Kafka
 * broker: the scale-out deployment of the README, on one machine.
 *
 * <p>The town is the test town, the demo town's cam-0001 layout with dwell and grace in seconds (the
 * demo's five-minute dwell would not fit a test), given as a file path as an operator would.
 */
class FlinkClusterKafkaTest {

    private static final int EVENT_PARTITIONS = 4;
    private static final Duration ACTIONS_TIMEOUT = Duration.ofSeconds(60);
    private static final String NEAREST_OFFICER = "off-02";

    /** Kept when the test fails: the children's logs are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    @DisplayName("Submit the job jar to a standalone Flink cluster with --kafka-bootstrap: a car parked past its dwell on the events topic is warned, then dispatched to the nearest officer, each action once on the actions topic")
    void shouldWarnAndDispatchFromKafkaOnAStandaloneCluster() throws Exception {
        Path jobJar = jobJar();
        Path town = Path.of(JobFixtures.class.getResource("/towns/test-town.yaml").toURI());
        FlinkSessionCluster flink = FlinkSessionCluster.launch(dir);
        SingleNodeKafka kafka = null;
        try (flink) {
            kafka = SingleNodeKafka.start(dir); // while the cluster's JVMs start
            kafka.createTopic(KafkaTopics.EVENTS, EVENT_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
            kafka.createTopic(KafkaTopics.ACTIONS, KafkaTopics.ACTION_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
            flink.awaitSlots(FlinkSessionConfig.SLOTS);
            Path secret = dir.resolve("command-secret");
            CommandIds commandIds = CommandSecretFile.readOrCreate(secret);
            String jobId = flink.submit(jobJar, EnforcementJobMain.class.getName(),
                    List.of("--town", town.toString(), "--command-secret-file", secret.toString(), "--kafka-bootstrap", kafka.bootstrap()));
            flink.awaitAllTasksRunning(jobId);

            // Device times a little ahead of the broker's clock; after these events the topic goes silent
            // and only the quiet-partition rule moves the job's clock on to the dwell's and the grace's end.
            long t0 = System.currentTimeMillis() + 1_000;
            KafkaFixtures.appendGarbage(kafka.bootstrap(), KafkaTopics.EVENTS, CAMERA);
            KafkaFixtures.appendEvents(kafka.bootstrap(), KafkaTopics.EVENTS, scenario(t0));

            Expected expected = new Expected(ActionIds.violation(CAMERA, "z-parking", "t-stay", Instant.ofEpochMilli(t0)), t0, commandIds);
            List<ActionRecord> read = KafkaFixtures.awaitActions(kafka.bootstrap(), KafkaTopics.ACTIONS,
                    records -> keys(records).containsAll(expected.all()), ACTIONS_TIMEOUT);

            assertThat(read).as("every record's key is its action's id").allSatisfy(r -> assertThat(r.key()).isEqualTo(r.action().id()));
            Map<String, List<ActionRecord>> byId = read.stream().collect(Collectors.groupingBy(ActionRecord::key));
            assertThat(byId.values()).as("a repeated id repeats the same action, so consumers may drop repeats")
                    .allSatisfy(same -> assertThat(same).extracting(ActionRecord::action).containsOnly(same.get(0).action()));
            assertThat(keys(read)).as("actions written: %s", read).containsExactlyInAnyOrderElementsOf(expected.all());
            assertThat(keys(read)).as("in the order of the escalation")
                    .containsSubsequence(expected.detected(), expected.voiceWarning(), expected.dispatched(), expected.assignment());

            JsonNode job = flink.jobOverview(jobId);
            assertThat(job.path("state").asText()).as("the job on the cluster: %s", job).isEqualTo("RUNNING");
            assertThat(completedCheckpoints()).as("checkpoints in %s", flink.checkpointDir).isNotEmpty();
        } catch (Throwable failure) {
            System.err.println(flink.diagnostics() + (kafka == null ? "" : kafka.tail(40)));
            throw failure;
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /**
     * The ids the job must write: the officers on the map, detected → warned + voice warning at the dwell's
     * end (t0 + 2 s) → dispatched + assignment at the grace's end (t0 + 4 s), and the assigned officer busy.
     */
    private record Expected(String violation, long t0, CommandIds commandIds) {
        String detected() {
            return ActionIds.update(violation, ViolationStatus.DETECTED, null, Instant.ofEpochMilli(t0 + 2_000));
        }

        String voiceWarning() {
            return commandIds.make(violation, Command.VOICE_WARNING, CAMERA, Instant.ofEpochMilli(t0 + 2_000));
        }

        String dispatched() {
            return ActionIds.update(violation, ViolationStatus.DISPATCHED, NEAREST_OFFICER, Instant.ofEpochMilli(t0 + 4_000));
        }

        String assignment() {
            return commandIds.make(violation, Command.ASSIGNMENT, NEAREST_OFFICER, Instant.ofEpochMilli(t0 + 4_000));
        }

        List<String> all() {
            return List.of("officer/off-01/" + t0, "officer/off-02/" + t0, detected(),
                    ActionIds.update(violation, ViolationStatus.WARNED, null, Instant.ofEpochMilli(t0 + 2_000)), voiceWarning(),
                    dispatched(), assignment(), "officer/" + NEAREST_OFFICER + "/" + (t0 + 4_000)); // now busy, on the map
        }
    }

    /** cam-0001 (dwell 2 s, grace 2 s) sees t-stay for 6 s; off-02 stands nearer the camera than off-01. */
    private static List<DeviceEvent> scenario(long t0) {
        List<DeviceEvent> events = new ArrayList<>();
        events.add(officerStatus("off-01", t0, 28.7600, 118.586));
        events.add(officerStatus(NEAREST_OFFICER, t0, 28.7410, 118.586));
        for (long t = t0; t <= t0 + 6_000; t += 250) {
            events.add(detection(CAMERA, t, parkedCar("t-stay")));
        }
        return events;
    }

    private static List<String> keys(List<ActionRecord> records) {
        return records.stream().map(ActionRecord::key).distinct().toList();
    }

    private List<Path> completedCheckpoints() throws Exception {
        try (var files = Files.walk(dir.resolve("flink-checkpoints"))) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata")).toList();
        }
    }

    private static Path jobJar() {
        String jar = System.getProperty("gridwarden.jobJar");
        assertThat(jar).as("the job jar's path; run this test through Maven, which builds the jar before the tests").isNotNull();
        assertThat(Path.of(jar)).as("the job jar (built at process-test-classes)").isRegularFile();
        return Path.of(jar);
    }
}
