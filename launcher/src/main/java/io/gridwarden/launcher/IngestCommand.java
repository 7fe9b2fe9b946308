package io.gridwarden.launcher;

import io.gridwarden.ingest.IngestConfig;
import io.gridwarden.ingest.IngestLimits;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwarden ingest}: ingest alone, over the events topic on Kafka, as one of several instances. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Start ingest's HTTP and MQTT endpoints over the events topic on Kafka: one of several instances"
                + " behind a load balancer, with the stream job on a Flink cluster and alerting elsewhere.",
                "The topic must exist with --event-partitions partitions and message.timestamp.type=LogAppendTime.",
                "Commands reach devices by webhook only for now (their commandUrl, or the town's commandGateway):"
                        + " not over this instance's MQTT sessions."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"1:an unexpected failure (see the log)",
                "2:refused to start: an option, the town file, Kafka, the topic or a port is not as it must be;"
                        + " the message says what to change",
                "143:stopped by SIGTERM (130: Ctrl-C), after closing the endpoints and the log"})
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaInstanceOptions kafka;

    @Option(names = "--command-secret-file", required = true,
            description = "The deployment's command secret (hex, owner-only file), the same the jobs sign command ids with"
                    + " (flink run … --command-secret-file): a device's acknowledgement is accepted only for a command made for it.")
    Path commandSecretFile;

    @Option(names = "--jobs-group", defaultValue = IngestProcessSettings.DEFAULT_JOBS_GROUP,
            description = "The stream job's consumer group: its committed offsets measure the lag --max-lag-events bounds. Default: ${DEFAULT-VALUE}")
    String jobsGroup;

    @Option(names = "--host", defaultValue = IngestConfig.DEFAULT_HOST, description = "Address the endpoints bind. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--ingest-port", defaultValue = "" + IngestConfig.DEFAULT_HTTP_PORT, description = "Devices' HTTP port. Default: ${DEFAULT-VALUE}")
    int ingestPort;

    @Option(names = "--mqtt-port", defaultValue = "" + IngestConfig.DEFAULT_MQTT_PORT, description = "Devices' MQTT port. Default: ${DEFAULT-VALUE}")
    int mqttPort;

    @Option(names = "--device-rate", defaultValue = "" + IngestLimits.DEFAULT_DEVICE_EVENTS_PER_SECOND,
            description = "Events per second each device may send to this instance (429 / MQTT quota exceeded beyond). Default: ${DEFAULT-VALUE}")
    double deviceEventsPerSecond;

    @Option(names = "--device-burst", defaultValue = "" + IngestLimits.DEFAULT_DEVICE_BURST,
            description = "Events a device may send at once above its rate. Default: ${DEFAULT-VALUE}")
    int deviceBurst;

    @Option(names = "--max-lag-events", defaultValue = "" + IngestLimits.DEFAULT_MAX_LAG_EVENTS,
            description = "Refuse events (503, MQTT quota exceeded) while the job's group lags this many records behind the"
                    + " topic (read every second). Default: ${DEFAULT-VALUE}")
    long maxLagEvents;

    @Option(names = "--ingest-instances", description = "Instances of the HTTP and of the MQTT endpoint, each on its own event loop,"
            + " sharing the ports. Default: the number of processors")
    Integer ingestInstances;

    @Override
    public Integer call() throws Exception {
        IngestProcessSettings settings = settings();
        // before anything extracts a library or makes a temporary file
        return ServiceRun.untilStopped("ingest", spec.commandLine().getErr(), ProcessTempDir.claimForService("ingest"),
                () -> IngestProcess.start(settings));
    }

    private IngestProcessSettings settings() {
        try {
            return new IngestProcessSettings(kafka.town, kafka.kafkaBootstrap, kafka.eventsTopic, kafka.eventPartitions,
                    kafka.townTopic, kafka.instanceIdOrHost(), jobsGroup, host, ingestPort, mqttPort,
                    deviceEventsPerSecond, deviceBurst, maxLagEvents,
                    ingestInstances == null ? EmbeddedSettings.defaultIngestInstances() : ingestInstances, kafka.kafkaStartupTimeout,
                    commandSecretFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e); // a usage error: message and exit code 2
        }
    }
}
