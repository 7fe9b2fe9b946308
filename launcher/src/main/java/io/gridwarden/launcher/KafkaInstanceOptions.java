package io.gridwarden.launcher;

import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.log.kafka.KafkaLogException;
import io.gridwarden.log.kafka.KafkaLogSpec;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options every scale-out service instance shares ({@code gridwarden ingest}, {@code gridwarden alerting}): the
 * town, the broker, the events and town topics, the instance's name and how long to wait for Kafka at start. A picocli mixin,
 * so both commands take them under the same names and with the same help.
 */
final class KafkaInstanceOptions {

    @Option(names = "--town", required = true, description = "Town file (YAML path, or classpath:…): its devices, operators and their tokens.")
    String town;

    @Option(names = "--kafka-bootstrap", required = true, description = "Kafka's bootstrap servers, host:port[,host:port…].")
    String kafkaBootstrap;

    @Option(names = "--events-topic", defaultValue = KafkaTopics.EVENTS,
            description = "The events topic (the stream job reads it). Default: ${DEFAULT-VALUE}")
    String eventsTopic;

    @Option(names = "--town-topic", defaultValue = KafkaTopics.TOWN,
            description = "The town topic (1 partition, kept forever): the ledger of town versions every instance follows"
                    + " (docs/town-changes.md). Default: ${DEFAULT-VALUE}")
    String townTopic;

    @Option(names = "--event-partitions", required = true,
            description = "The events topic's partition count: a device's partition depends on it, so it must be the topic's.")
    int eventPartitions;

    @Option(names = "--instance-id", description = "This instance's name: unique among the instances of its service, stable across"
            + " its restarts (its Kafka transactional ids derive from it; two instances with one id fence each other). Default: the host name")
    String instanceId;

    @Option(names = "--kafka-startup-timeout", description = "How long to wait for a broker at start before refusing (ISO-8601)."
            + " Default: 30 s")
    Duration kafkaStartupTimeout;

    /** What Kafka accepts in a transactional id, kept to what reads well in the broker's logs and ACLs. */
    private static final java.util.regex.Pattern INSTANCE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** Refuses an instance id that cannot be part of a transactional id. */
    static void requireInstanceId(String instanceId) {
        if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("--instance-id must be 1 to 200 letters, digits, '.', '_' or '-', got '" + instanceId + "'");
        }
    }

    /** Refuses a missing or blank option, saying what to give. */
    static void requireText(String option, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is missing: give " + what);
        }
    }

    /** The instance id given, else this host's name. */
    String instanceIdOrHost() {
        return instanceId == null ? IngestProcessSettings.defaultInstanceId() : instanceId;
    }

    /**
     * The town topic's log for one instance: its own transactional id ({@code service}: ingest or alerting), and a
     * producer that sends a whole town version's record.
     */
    static KafkaLogSpec townSpec(String service, String bootstrap, String townTopic, String instanceId, Duration startupTimeout) {
        return withStartupTimeout(KafkaLogSpec.of(bootstrap, townTopic, KafkaTopics.TOWN_PARTITIONS, "gridwarden-" + service)
                .withTransactionalId("gridwarden." + service + "." + townTopic + "." + instanceId).withRecentKeys(0)
                .withClientProperties(java.util.Map.of("max.request.size", "" + KafkaTopics.TOWN_MAX_RECORD_BYTES)), startupTimeout);
    }

    /**
     * The log's refusal to open a topic, as it says it; for a missing town topic, with the settings that topic needs
     * beyond the others' (one partition, kept forever, records up to 2 MiB).
     */
    static StartRefusedException refusal(KafkaLogException refused, String townTopic) {
        if (refused.reason() == KafkaLogException.Reason.TOPIC_MISSING && refused.getMessage().startsWith("Kafka topic " + townTopic + " ")) {
            return new StartRefusedException(refused.getMessage() + " --config retention.ms=-1 --config max.message.bytes="
                    + KafkaTopics.TOWN_MAX_RECORD_BYTES + " (the town topic: the ledger of town versions, see docs/deployment.md)", refused);
        }
        return new StartRefusedException(refused.getMessage(), refused);
    }

    /** {@code spec} with the startup timeout given, or as it is when none was. */
    static KafkaLogSpec withStartupTimeout(KafkaLogSpec spec, Duration startupTimeout) {
        if (startupTimeout == null) {
            return spec;
        }
        return new KafkaLogSpec(spec.bootstrapServers(), spec.topic(), spec.partitions(), spec.groupId(), spec.transactionalId(),
                spec.maxPendingAppends(), spec.appendTimeout(), spec.operationTimeout(), startupTimeout, spec.recentKeys(),
                spec.clientProperties());
    }
}
