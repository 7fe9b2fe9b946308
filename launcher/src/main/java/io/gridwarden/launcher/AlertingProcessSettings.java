package io.gridwarden.launcher;

import io.gridwarden.alerting.AlertingConfig;
import io.gridwarden.common.tls.PemFiles;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.log.kafka.KafkaLogSpec;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code gridwarden alerting} runs: alerting's operations API over the actions topic on Kafka, as one of
 * several instances. Its own defaults live here; the job's topic names are {@link KafkaTopics}', alerting's limits
 * {@link AlertingConfig}'s, the Kafka timeouts {@link KafkaLogSpec}'s.
 *
 * @param townTopic           the ledger of town versions: read from its start, followed, and where this instance
 *                            numbers the versions it takes (docs/town-changes.md)
 * @param actionsTopic        the job's actions: every instance reads all of it into its own view
 * @param deliveriesTopic     hand-overs of commands, keyed by command id; its partitions are what the instances
 *                            share out through {@code groupId}, each command owned by the holder of its partition
 * @param groupId             the consumer group that shares the deliveries topic's partitions among the instances
 * @param groupSessionTimeout how soon the group gives a silent (dead) instance's partitions to the others
 * @param dataDir             this instance's own state: its copy of the actions topic, its views, its audit log
 * @param opsPort             the operations API's port (0: any free port)
 * @param tls                 the operations API's certificate and key; null: plain HTTP
 * @param commandGateway      base URL for devices without a commandUrl; null: the town file's
 * @param kafkaStartupTimeout how long to wait for a broker at start; null: {@link KafkaLogSpec}'s default
 */
record AlertingProcessSettings(
        String town,
        String kafkaBootstrap,
        String eventsTopic,
        int eventPartitions,
        String townTopic,
        String actionsTopic,
        String deliveriesTopic,
        int deliveryPartitions,
        String groupId,
        Duration groupSessionTimeout,
        String instanceId,
        Path dataDir,
        String host,
        int opsPort,
        PemFiles tls,
        String commandGateway,
        Duration kafkaStartupTimeout) {

    static final String DEFAULT_DELIVERIES_TOPIC = "gridwarden.deliveries";
    static final int DEFAULT_DELIVERY_PARTITIONS = 8;
    static final String DEFAULT_GROUP = "gridwarden-alerting";
    static final String DEFAULT_SESSION_TIMEOUT = "PT10S";
    /** Kafka brokers refuse a session timeout below their {@code group.min.session.timeout.ms} (6 s by default). */
    static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);

    AlertingProcessSettings {
        KafkaInstanceOptions.requireText("--town", town, "a town file (YAML path, or classpath:…)");
        KafkaInstanceOptions.requireText("--kafka-bootstrap", kafkaBootstrap, "host:port of at least one broker");
        KafkaInstanceOptions.requireText("--events-topic", eventsTopic, "e.g. " + KafkaTopics.EVENTS);
        KafkaInstanceOptions.requireText("--town-topic", townTopic, "e.g. " + KafkaTopics.TOWN);
        KafkaInstanceOptions.requireText("--actions-topic", actionsTopic, "e.g. " + KafkaTopics.ACTIONS);
        KafkaInstanceOptions.requireText("--deliveries-topic", deliveriesTopic, "e.g. " + DEFAULT_DELIVERIES_TOPIC);
        KafkaInstanceOptions.requireText("--group-id", groupId, "e.g. " + DEFAULT_GROUP);
        if (eventPartitions < 1) {
            throw new IllegalArgumentException("--event-partitions must be the events topic's partition count (at least 1), got "
                    + eventPartitions);
        }
        if (deliveryPartitions < 1) {
            throw new IllegalArgumentException("--delivery-partitions must be the deliveries topic's partition count (at least 1), got "
                    + deliveryPartitions);
        }
        KafkaInstanceOptions.requireInstanceId(instanceId);
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is missing: give a directory of this instance's own");
        }
        if (opsPort < 0 || opsPort > 65_535) {
            throw new IllegalArgumentException("--ops-port must be between 0 (any free port) and 65535, got " + opsPort);
        }
        if (groupSessionTimeout == null || groupSessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("--group-session-timeout must be at least " + MIN_SESSION_TIMEOUT.toSeconds()
                    + " s (the brokers' group.min.session.timeout.ms), got " + groupSessionTimeout);
        }
        if (kafkaStartupTimeout != null && (kafkaStartupTimeout.isNegative() || kafkaStartupTimeout.isZero())) {
            throw new IllegalArgumentException("--kafka-startup-timeout must be positive, got " + kafkaStartupTimeout);
        }
    }

    /** The actions topic: one partition, one ordered sequence, as the job writes it and as the views need it. */
    KafkaLogSpec actionsSpec() {
        return spec(actionsTopic, KafkaTopics.ACTION_PARTITIONS);
    }

    /** The events topic, where dispatchers' assign and close go. */
    KafkaLogSpec eventsSpec() {
        return spec(eventsTopic, eventPartitions);
    }

    KafkaLogSpec townSpec() {
        return KafkaInstanceOptions.townSpec("alerting", kafkaBootstrap, townTopic, instanceId, kafkaStartupTimeout);
    }

    KafkaLogSpec deliveriesSpec() {
        return spec(deliveriesTopic, deliveryPartitions);
    }

    /** One transactional id per topic and instance, stable across its restarts, so a restart aborts what a crash left open. */
    private KafkaLogSpec spec(String topic, int partitions) {
        return KafkaInstanceOptions.withStartupTimeout(KafkaLogSpec.of(kafkaBootstrap, topic, partitions, groupId)
                .withTransactionalId("gridwarden.alerting." + topic + "." + instanceId), kafkaStartupTimeout);
    }

    /** This instance's copy of the actions topic: swept like the embedded action log, once alerting has applied it. */
    LogSpec localActionLog() {
        return LogSpec.of(dataDir.resolve("action-log"), 1).withRetention(LogSpec.DEFAULT_RETENTION);
    }

    AlertingConfig alertingConfig() {
        AlertingConfig config = AlertingConfig.defaults(dataDir.resolve("alerting")).withHost(host).withHttpPort(opsPort).withTls(tls);
        return commandGateway == null ? config : config.withCommandGateway(commandGateway);
    }
}
