package io.gridwarden.launcher;

import io.gridwarden.alerting.AlertingConfig;
import io.gridwarden.jobs.kafka.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwarden alerting}: alerting's operations API over the actions topic on Kafka, as one of several instances. */
@Command(name = "alerting", mixinStandardHelpOptions = true,
        description = {"Start alerting's operations API and dashboard over the actions topic on Kafka: one of several instances"
                + " behind a load balancer, with the stream job on a Flink cluster and ingest elsewhere.",
                "Every instance reads the whole actions topic (1 partition) into its own view under --data-dir, so every"
                        + " operator view, history, stats and alert stream works on any instance. An alert stream's event ids"
                        + " are this instance's: after a switch to another instance, reconnect without Last-Event-ID.",
                "Each command is delivered by exactly one instance: the one that holds the partition of the deliveries topic"
                        + " its id falls in (consumer group --group-id). It delivers by webhook (the device's commandUrl, or"
                        + " the command gateway), not over MQTT: devices' MQTT sessions are held by ingest, in other processes.",
                "Dispatchers' assign and close go to the events topic. Every topic must exist with message.timestamp.type"
                        + "=LogAppendTime; the deliveries topic also with cleanup.policy=compact."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"1:an unexpected failure (see the log)",
                "2:refused to start: an option, the town file, Kafka, a topic or the port is not as it must be;"
                        + " the message says what to change",
                "143:stopped by SIGTERM (130: Ctrl-C), after handing its partitions over and closing the API and the logs"})
final class AlertingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaInstanceOptions kafka;

    @Mixin
    TlsOptions tls;

    @Option(names = "--data-dir", required = true, description = "This instance's own state: its copy of the actions topic, its"
            + " views, delivered commands and audit log. One per instance, never shared.")
    Path dataDir;

    @Option(names = "--actions-topic", defaultValue = KafkaTopics.ACTIONS,
            description = "The job's actions topic (1 partition). Default: ${DEFAULT-VALUE}")
    String actionsTopic;

    @Option(names = "--deliveries-topic", defaultValue = AlertingProcessSettings.DEFAULT_DELIVERIES_TOPIC,
            description = "Where the instance that delivers a command records its hand-over (compacted, keyed by command id);"
                    + " its partitions are shared out among the instances. Default: ${DEFAULT-VALUE}")
    String deliveriesTopic;

    @Option(names = "--delivery-partitions", defaultValue = "" + AlertingProcessSettings.DEFAULT_DELIVERY_PARTITIONS,
            description = "The deliveries topic's partition count: at least the instances that should share delivery. Default: ${DEFAULT-VALUE}")
    int deliveryPartitions;

    @Option(names = "--group-id", defaultValue = AlertingProcessSettings.DEFAULT_GROUP,
            description = "The consumer group the instances share the deliveries topic's partitions in. Default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(names = "--group-session-timeout", defaultValue = AlertingProcessSettings.DEFAULT_SESSION_TIMEOUT,
            description = "How long a silent instance keeps its partitions before the others take them over (ISO-8601, at least 6 s)."
                    + " Default: 10 s")
    Duration groupSessionTimeout;

    @Option(names = "--host", defaultValue = AlertingConfig.DEFAULT_HOST, description = "Address the operations API binds. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--ops-port", defaultValue = "" + AlertingConfig.DEFAULT_HTTP_PORT, description = "Operations API port. Default: ${DEFAULT-VALUE}")
    int opsPort;

    @Option(names = "--command-gateway", description = "Base URL that receives commands for devices without a commandUrl,"
            + " as <url>/devices/<id>/commands (overrides the town file's commandGateway).")
    String commandGateway;

    @Override
    public Integer call() throws Exception {
        AlertingProcessSettings settings = settings();
        // before anything extracts a library or makes a temporary file
        return ServiceRun.untilStopped("alerting", spec.commandLine().getErr(), ProcessTempDir.claim(dataDir),
                () -> AlertingProcess.start(settings));
    }

    private AlertingProcessSettings settings() {
        try {
            return new AlertingProcessSettings(kafka.town, kafka.kafkaBootstrap, kafka.eventsTopic, kafka.eventPartitions, kafka.townTopic,
                    actionsTopic, deliveriesTopic, deliveryPartitions, groupId, groupSessionTimeout, kafka.instanceIdOrHost(), dataDir, host, opsPort,
                    tls.identity(), commandGateway, kafka.kafkaStartupTimeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e); // a usage error: message and exit code 2
        }
    }
}
