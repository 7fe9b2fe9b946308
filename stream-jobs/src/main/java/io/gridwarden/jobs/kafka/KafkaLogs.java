package io.gridwarden.jobs.kafka;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.log.LogRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The event and action logs of a scale-out deployment, on Kafka: the source and sink the enforcement
 * job takes in place of the embedded RocksDB logs.
 *
 * <p>The sink is {@link DeliveryGuarantee#AT_LEAST_ONCE}: every action is flushed to the broker before
 * a checkpoint completes, and a restart may write some again. That is enough because action ids are
 * deterministic (a replay yields the same ids) and every consumer already de-duplicates by id, as
 * it must for the embedded log's replays too. Exactly-once would hide each action until the next
 * checkpoint (seconds of added latency for a voice warning) and need {@code read_committed}
 * consumers and transaction timeouts longer than any outage, for no gain in what devices see.
 *
 * @param bootstrap Kafka's bootstrap servers, {@code host:port[,host:port…]}
 * @param eventsTopic where ingest appends device events (LogAppendTime, keyed by device id)
 * @param actionsTopic where the job writes actions (keyed by action id)
 * @param groupId the consumer group under which the job commits the offsets it has checkpointed
 */
public record KafkaLogs(String bootstrap, String eventsTopic, String actionsTopic, String groupId) {

    public KafkaLogs {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka's bootstrap servers are missing: give host:port of at least one broker");
        }
    }

    /** The default topics and group. */
    public static KafkaLogs at(String bootstrap) {
        return new KafkaLogs(bootstrap, KafkaTopics.EVENTS, KafkaTopics.ACTIONS, KafkaTopics.GROUP_ID);
    }

    /**
     * Device events as log records, committed ones only. A first start reads from the group's committed
     * offsets, else from the earliest retained record; a restore reads from the offsets in Flink's checkpoint.
     */
    public KafkaSource<LogRecord> events() {
        return KafkaSource.<LogRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(eventsTopic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                // ingest commits each group of appends as one Kafka transaction and acknowledges devices only
                // after the commit: an aborted group was never acknowledged, so the job must not act on it
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new EventRecordDeserializer())
                .build();
    }

    /** Actions, key = action id, value = the action log's bytes. */
    public KafkaSink<Action> actions() {
        return KafkaSink.<Action>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new ActionRecordSerializer(actionsTopic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
