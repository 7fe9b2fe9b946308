package io.gridwarden.launcher;

import io.gridwarden.jobs.EnforcementJobMain;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.log.kafka.KafkaLogSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code gridwarden jobs submit} is told: the job manager's REST address, the job jar, the job's own
 * options (passed on as {@link EnforcementJobMain}'s arguments, as {@code flink run} would pass them) and the
 * submission's settings: parallelism and checkpoints (null: the cluster's {@code config.yaml} decides).
 *
 * @param jobManager the job manager's REST address, {@code host:port} (rest.address:rest.port)
 * @param timeout how long each step with the cluster may take: reaching it, submitting, the job's start
 */
record JobSubmitSettings(String jobManager, Path jobJar, Path town, Path commandSecretFile, String kafkaBootstrap,
        String eventsTopic, int eventPartitions, String actionsTopic, String groupId, Integer parallelism, String checkpointDir,
        Duration checkpointInterval, Duration timeout) {

    static final String ENTRY_CLASS = EnforcementJobMain.class.getName();

    JobSubmitSettings {
        KafkaInstanceOptions.requireText("--jobmanager", jobManager, "the job manager's REST address, host:port (rest.address:rest.port, 8081 by default)");
        KafkaInstanceOptions.requireText("--kafka-bootstrap", kafkaBootstrap, "host:port of at least one broker");
        KafkaInstanceOptions.requireText("--events-topic", eventsTopic, "e.g. " + KafkaTopics.EVENTS);
        KafkaInstanceOptions.requireText("--actions-topic", actionsTopic, "e.g. " + KafkaTopics.ACTIONS);
        KafkaInstanceOptions.requireText("--group-id", groupId, "e.g. " + KafkaTopics.GROUP_ID);
        if (!jobManager.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("--jobmanager must be host:port of the job manager's REST endpoint, got '" + jobManager + "'");
        }
        if (eventPartitions < 1) {
            throw new IllegalArgumentException("--event-partitions must be the events topic's partition count (at least 1), got "
                    + eventPartitions);
        }
        if (parallelism != null && (parallelism < 1 || parallelism > eventPartitions)) {
            throw new IllegalArgumentException("--parallelism must be between 1 and --event-partitions (" + eventPartitions
                    + "): a source task beyond the topic's partitions would have nothing to read; got " + parallelism);
        }
        positive("--checkpoint-interval", checkpointInterval);
        positive("--timeout", timeout);
    }

    String host() {
        return jobManager.substring(0, jobManager.lastIndexOf(':'));
    }

    int port() {
        return Integer.parseInt(jobManager.substring(jobManager.lastIndexOf(':') + 1));
    }

    /** The events topic as the job reads it: the partition count ingest places devices by. */
    KafkaLogSpec eventsSpec() {
        return KafkaLogSpec.of(kafkaBootstrap, eventsTopic, eventPartitions, groupId).withTimeouts(timeout);
    }

    /** The actions topic: one partition, one order of actions for alerting. */
    KafkaLogSpec actionsSpec() {
        return KafkaLogSpec.of(kafkaBootstrap, actionsTopic, KafkaTopics.ACTION_PARTITIONS, groupId).withTimeouts(timeout);
    }

    /** {@link EnforcementJobMain}'s arguments (see ClusterJobOptions). */
    List<String> jobArguments() {
        return new ArrayList<>(List.of("--town", town.toAbsolutePath().toString(),
                "--command-secret-file", commandSecretFile.toAbsolutePath().toString(), "--kafka-bootstrap", kafkaBootstrap,
                "--events-topic", eventsTopic, "--actions-topic", actionsTopic, "--group-id", groupId));
    }

    /** The same submission as a {@code flink run} command line, for the log and for operators who prefer it. */
    String flinkRunCommand() {
        List<String> command = new ArrayList<>(List.of("flink", "run", "-d", "-m", jobManager));
        if (parallelism != null) {
            command.addAll(List.of("-p", parallelism.toString()));
        }
        if (checkpointDir != null) {
            command.add("-Dexecution.checkpointing.dir=" + checkpointDir);
        }
        if (checkpointInterval != null) {
            command.add("-Dexecution.checkpointing.interval=" + checkpointInterval.toMillis() + "ms");
        }
        command.addAll(List.of("-c", ENTRY_CLASS, jobJar.toAbsolutePath().toString()));
        command.addAll(jobArguments());
        return String.join(" ", command);
    }

    private static void positive(String option, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }
}
