package io.gridwarden.launcher;

import io.gridwarden.alerting.ScaleOutDelivery;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership of the consumer group that shares the deliveries topic's partitions among the alerting
 * instances: a consumer on a thread of its own that reads nothing (its partitions are paused; the records are read by
 * every instance's {@link TopicFollower}) and only takes and gives up partitions.
 *
 * <ul>
 *   <li>Given a partition: it first reads the partition to its end (every hand-over its previous owner recorded is
 *       then in this instance's stores), then owns its commands and delivers those still pending
 *       ({@link ScaleOutDelivery#takeOver}).</li>
 *   <li>Asked to give one up (another instance joined, or this one stops): it stops starting attempts and returns once
 *       those under way are recorded ({@link PartitionOwnership#revoke}), so the next owner sees them.</li>
 *   <li>An instance that dies keeps its partitions until its session times out ({@code --group-session-timeout});
 *       then the others take them over as above.</li>
 * </ul>
 * Cooperative rebalancing: only the partitions that move are given up, the others keep being delivered meanwhile.
 */
final class DeliveryGroup implements ConsumerRebalanceListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryGroup.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a new owner waits for the partition to be read to its end before trying again (the broker is slow or away). */
    private static final Duration READ_TO_END = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PartitionOwnership ownership;
    private final TopicFollower deliveries;
    private final ScaleOutDelivery delivery;
    private final Duration settleTimeout;
    private final Thread thread;
    private volatile boolean stopped;

    private DeliveryGroup(AlertingProcessSettings s, PartitionOwnership ownership, TopicFollower deliveries, ScaleOutDelivery delivery,
            Duration settleTimeout) {
        this.topic = s.deliveriesTopic();
        this.consumer = new KafkaConsumer<>(config(s), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.ownership = ownership;
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.settleTimeout = settleTimeout;
        this.thread = new Thread(this::run, "gridwarden-delivery-group");
    }

    /**
     * Joins the group. {@code settleTimeout}: how long giving up a partition waits for its attempts under way (a delivery
     * attempt's timeout plus recording it).
     */
    static DeliveryGroup join(AlertingProcessSettings s, PartitionOwnership ownership, TopicFollower deliveries, ScaleOutDelivery delivery,
            Duration settleTimeout) {
        DeliveryGroup group = new DeliveryGroup(s, ownership, deliveries, delivery, settleTimeout);
        group.thread.start();
        return group;
    }

    private static Map<String, Object> config(AlertingProcessSettings s) {
        long session = s.groupSessionTimeout().toMillis();
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, s.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, "gridwarden-alerting-" + s.instanceId() + "-group",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, session / 5),
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), this);
            while (!stopped) {
                consumer.poll(POLL); // nothing to read (all paused): this keeps the membership and runs the callbacks
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.error("Left the delivery group {} after a failure: this instance delivers nothing more until restarted", topic, e);
        } finally {
            consumer.close(); // leaves the group: gives up its partitions (onPartitionsRevoked) first
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        consumer.pause(assigned);
        Set<Integer> partitions = numbers(assigned);
        if (partitions.isEmpty()) {
            return;
        }
        for (int p : partitions) {
            while (!stopped && !awaitReadToEnd(p)) {
                LOG.warn("Partition {} of {} not read to its end within {}: still waiting before delivering its commands", p, topic, READ_TO_END);
            }
        }
        ownership.grant(partitions);
        delivery.takeOver(id -> partitions.contains(ownership.partitionOf(id)))
                .onSuccess(n -> LOG.info("Delivering the commands of partitions {} of {} from now on ({} pending taken over)", partitions,
                        topic, n));
    }

    private boolean awaitReadToEnd(int partition) {
        try {
            return deliveries.awaitReadToEnd(partition, READ_TO_END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        Set<Integer> partitions = numbers(revoked);
        if (partitions.isEmpty()) {
            return;
        }
        try {
            ownership.revoke(partitions, settleTimeout);
            LOG.info("Gave up partitions {} of {}: their deliveries under way are recorded", partitions, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another instance may hold them already: stop at once. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        onPartitionsRevoked(lost);
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }

    /** Gives up this instance's partitions (recording what is under way) and leaves the group. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        consumer.wakeup();
        thread.join(settleTimeout.plusSeconds(10).toMillis());
    }
}
