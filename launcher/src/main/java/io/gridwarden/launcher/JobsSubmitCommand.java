package io.gridwarden.launcher;

import io.gridwarden.jobs.kafka.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwarden jobs submit}: the enforcement job onto a running Flink session cluster, between the Kafka topics. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit the enforcement job to a running Flink session cluster, reading the events topic and writing the"
                + " actions topic on Kafka. Checks first, on this host: the job jar, the town file, the command secret, both topics"
                + " (present, partition counts, message.timestamp.type=LogAppendTime) and the job manager (answers, does not run"
                + " the job already). Returns once the cluster runs the job, printing its id.",
                "The town file and the command secret are read here and, for the town, again on every task manager: the same"
                        + " path must hold the same file there.",
                "The same submission with Flink's own client: flink run -d -m <jobmanager> [-p <n>]"
                        + " -c io.gridwarden.jobs.EnforcementJobMain <job jar> --town <file> --command-secret-file <file>"
                        + " --kafka-bootstrap <host:port> [--events-topic …] [--actions-topic …] [--group-id …]"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the job runs on the cluster (its id is printed)",
                "1:the cluster took the job but it did not start running (see the job manager's log)",
                "2:refused: an option, the job jar, the town, the secret, Kafka, a topic or the job manager is not as it must be;"
                        + " the message says what to change"})
final class JobsSubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jobmanager", required = true, description = "The job manager's REST address, host:port (rest.address:rest.port).")
    String jobManager;

    @Option(names = "--job-jar", required = true, description = "The shaded job jar, stream-jobs/target/stream-jobs-<version>-job.jar.")
    Path jobJar;

    @Option(names = "--town", required = true, description = "Town file (YAML); the same path on every task manager.")
    Path town;

    @Option(names = "--command-secret-file", required = true,
            description = "The deployment's command secret (hex, owner-only file), the one ingest and alerting are given.")
    Path commandSecretFile;

    @Option(names = "--kafka-bootstrap", required = true, description = "Kafka's bootstrap servers, host:port[,host:port…].")
    String kafkaBootstrap;

    @Option(names = "--events-topic", defaultValue = KafkaTopics.EVENTS, description = "The events topic ingest writes. Default: ${DEFAULT-VALUE}")
    String eventsTopic;

    @Option(names = "--event-partitions", required = true,
            description = "The events topic's partition count, as ingest is told: the submission is refused if the topic has another.")
    int eventPartitions;

    @Option(names = "--actions-topic", defaultValue = KafkaTopics.ACTIONS,
            description = "The actions topic alerting reads; it must have 1 partition. Default: ${DEFAULT-VALUE}")
    String actionsTopic;

    @Option(names = "--group-id", defaultValue = KafkaTopics.GROUP_ID,
            description = "The group the job commits its offsets under (ingest's --jobs-group reads its lag). Default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(names = "--parallelism", description = "The job's parallelism, at most --event-partitions. Default: the cluster's parallelism.default")
    Integer parallelism;

    @Option(names = "--checkpoint-dir", description = "Where the job's checkpoints go, a URI every task manager and the job manager"
            + " reach (file:///shared/…, s3://…). Default: the cluster's execution.checkpointing.dir")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", description = "How often the job checkpoints (ISO-8601, e.g. PT10S)."
            + " Default: the cluster's execution.checkpointing.interval")
    Duration checkpointInterval;

    @Option(names = "--timeout", defaultValue = "PT60S", description = "How long each step may take: Kafka's and the job manager's"
            + " answers, the job's start (ISO-8601). Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        JobSubmitSettings settings = settings();
        try {
            JobPreflight.check(settings);
            JobID id = JobSubmitter.submit(settings);
            spec.commandLine().getOut().println("gridwarden jobs submit: job " + id + " runs on " + settings.jobManager()
                    + " (http://" + settings.jobManager() + "/#/job/" + id + ")");
            spec.commandLine().getOut().println("the same submission with Flink's client: " + settings.flinkRunCommand());
            return 0;
        } catch (StartRefusedException e) {
            spec.commandLine().getErr().println("gridwarden jobs submit refused: " + e.getMessage());
            return StartRefusedException.EXIT_CODE;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("gridwarden jobs submit: " + e.getMessage());
            return 1;
        }
    }

    private JobSubmitSettings settings() {
        try {
            return new JobSubmitSettings(jobManager, jobJar, town, commandSecretFile, kafkaBootstrap, eventsTopic, eventPartitions,
                    actionsTopic, groupId, parallelism, checkpointDir, checkpointInterval, timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e); // a usage error: message and exit code 2
        }
    }
}
