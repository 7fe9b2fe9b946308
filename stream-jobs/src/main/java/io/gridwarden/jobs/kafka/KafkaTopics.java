package io.gridwarden.jobs.kafka;

import java.util.Map;

/**
 * The Kafka topics of a scale-out deployment and how they must be created: one registry, so the job,
 * the tests and the README name them the same way.
 *
 * <p>Both topics keep {@code message.timestamp.type=LogAppendTime}: a record's timestamp is then the
 * broker's clock when it stored the record, monotonic within a partition, exactly what the embedded
 * log's append time is and what {@link KafkaLogClockWatermarks} builds the job's clock from.
 */
public final class KafkaTopics {

    /** Device events as ingest stores them, keyed (so partitioned) by device id. */
    public static final String EVENTS = "gridwarden.events";
    /** The job's actions, keyed by action id; one partition keeps one ordered sequence for alerting. */
    public static final String ACTIONS = "gridwarden.actions";
    /**
     * The ledger of town versions (docs/town-changes.md): alerting's claims of version numbers and the versions applied,
     * one ordered sequence that every ingest and alerting instance reads from its start. The job does not read it.
     */
    public static final String TOWN = "gridwarden.town";
    public static final int TOWN_PARTITIONS = 1;
    /** A town version's record holds its whole file (the API takes at most 1 MiB): the topic takes records up to this. */
    public static final int TOWN_MAX_RECORD_BYTES = 2 * 1024 * 1024;
    /** The consumer group the job commits its offsets under (for monitoring; Flink's checkpoints hold the truth). */
    public static final String GROUP_ID = "gridwarden-enforcement";
    /** Actions follow one total order, as in the embedded action log. */
    public static final int ACTION_PARTITIONS = 1;

    /** The topic configuration both topics need. */
    public static final Map<String, String> TOPIC_CONFIG = Map.of("message.timestamp.type", "LogAppendTime");

    /** The town topic's: kept forever (an instance started next year reads every version), records up to 2 MiB. */
    public static final Map<String, String> TOWN_TOPIC_CONFIG = Map.of("message.timestamp.type", "LogAppendTime",
            "retention.ms", "-1", "retention.bytes", "-1", "max.message.bytes", "" + TOWN_MAX_RECORD_BYTES);

    private KafkaTopics() {}
}
