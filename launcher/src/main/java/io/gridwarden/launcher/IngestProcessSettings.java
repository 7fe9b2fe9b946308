package io.gridwarden.launcher;

import io.gridwarden.ingest.IngestConfig;
import io.gridwarden.ingest.IngestLimits;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.log.kafka.KafkaLogSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code gridwarden ingest} runs: ingest's endpoints over the events topic on Kafka, as one of several
 * instances. Its own defaults live here; the topic and group names are {@link KafkaTopics}' (the job's),
 * ingest's limits {@link IngestConfig}'s and {@link IngestLimits}', the Kafka timeouts {@link KafkaLogSpec}'s.
 *
 * @param instanceId            this instance's stable name, unique among the instances: its Kafka transactional id
 *                              derives from it ({@link #transactionalId})
 * @param townTopic             the ledger of town versions: read from its start, then followed (docs/town-changes.md)
 * @param jobsGroup             the consumer group the stream job commits its offsets under: its lag is the lag
 *                              that {@code maxLagEvents} bounds
 * @param kafkaStartupTimeout   how long to wait for a broker at start; null: {@link KafkaLogSpec}'s default
 * @param commandSecretFile     the deployment's command secret, shared with the jobs: acks are checked against it
 */
record IngestProcessSettings(
        String town,
        String kafkaBootstrap,
        String eventsTopic,
        int eventPartitions,
        String townTopic,
        String instanceId,
        String jobsGroup,
        String host,
        int ingestPort,
        int mqttPort,
        double deviceEventsPerSecond,
        int deviceBurst,
        long maxLagEvents,
        int ingestInstances,
        Duration kafkaStartupTimeout,
        Path commandSecretFile) {

    static final String DEFAULT_EVENTS_TOPIC = KafkaTopics.EVENTS;
    static final String DEFAULT_JOBS_GROUP = KafkaTopics.GROUP_ID;
    /** How often the lag guard's and the metrics' view of the topic's offsets is refreshed from the broker. */
    static final Duration OFFSETS_REFRESH_INTERVAL = Duration.ofSeconds(1);

    IngestProcessSettings {
        KafkaInstanceOptions.requireText("--town", town, "a town file (YAML path, or classpath:…)");
        KafkaInstanceOptions.requireText("--kafka-bootstrap", kafkaBootstrap, "host:port of at least one broker");
        KafkaInstanceOptions.requireText("--events-topic", eventsTopic, "e.g. " + DEFAULT_EVENTS_TOPIC);
        KafkaInstanceOptions.requireText("--town-topic", townTopic, "e.g. " + KafkaTopics.TOWN);
        KafkaInstanceOptions.requireText("--jobs-group", jobsGroup, "e.g. " + DEFAULT_JOBS_GROUP);
        if (eventPartitions < 1) {
            throw new IllegalArgumentException("--event-partitions must be the events topic's partition count (at least 1), got "
                    + eventPartitions);
        }
        KafkaInstanceOptions.requireInstanceId(instanceId);
        devicePort("--ingest-port", ingestPort);
        devicePort("--mqtt-port", mqttPort);
        if (ingestInstances < 1) {
            throw new IllegalArgumentException("--ingest-instances must be at least 1, got " + ingestInstances);
        }
        if (kafkaStartupTimeout != null && (kafkaStartupTimeout.isNegative() || kafkaStartupTimeout.isZero())) {
            throw new IllegalArgumentException("--kafka-startup-timeout must be positive, got " + kafkaStartupTimeout);
        }
        ingestConfig(host, ingestPort, mqttPort, maxLagEvents, deviceEventsPerSecond, deviceBurst); // its own checks, before anything starts
    }

    /** This host's name: the default instance id, stable across restarts on the same host. */
    static String defaultInstanceId() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** One per instance and stable across its restarts, so a restart aborts at once what a crash left open. */
    String transactionalId() {
        return "gridwarden.ingest." + eventsTopic + "." + instanceId;
    }

    KafkaLogSpec logSpec() {
        return KafkaInstanceOptions.withStartupTimeout(
                KafkaLogSpec.of(kafkaBootstrap, eventsTopic, eventPartitions, jobsGroup).withTransactionalId(transactionalId()), kafkaStartupTimeout);
    }

    KafkaLogSpec townSpec() {
        return KafkaInstanceOptions.townSpec("ingest", kafkaBootstrap, townTopic, instanceId, kafkaStartupTimeout);
    }

    IngestConfig ingestConfig() {
        return ingestConfig(host, ingestPort, mqttPort, maxLagEvents, deviceEventsPerSecond, deviceBurst);
    }

    private static IngestConfig ingestConfig(String host, int httpPort, int mqttPort, long maxLagEvents, double rate, int burst) {
        return IngestConfig.defaults().withHost(host).withHttpPort(httpPort).withMqttPort(mqttPort)
                .withLimits(IngestLimits.defaults().withMaxLagEvents(maxLagEvents).withDeviceRate(rate, burst));
    }

    /** The endpoint instances share the ports, and devices must know them: a fixed port, not 0. */
    private static void devicePort(String option, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be a fixed port between 1 and 65535 (devices must know it), got " + port);
        }
    }
}
