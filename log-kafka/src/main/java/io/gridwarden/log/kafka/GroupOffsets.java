package io.gridwarden.log.kafka;

import static io.gridwarden.log.kafka.KafkaLogException.Reason.BROKER_UNAVAILABLE;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition's visible end, and its acknowledged offset as the committed offset of the spec's consumer
 * group: the group whose progress the log reports (the stream jobs commit theirs on each checkpoint),
 * so {@code lag} is that group's lag. Each call asks the broker (the admin client is thread-safe).
 */
final class GroupOffsets {

    private final Admin admin;
    private final KafkaLogSpec spec;

    GroupOffsets(Admin admin, KafkaLogSpec spec) {
        this.admin = admin;
        this.spec = spec;
    }

    /** The offset below which every transaction is decided: what readers can see (the last stable offset). */
    long endOffset(int partition) {
        TopicPartition tp = tp(partition);
        var result = admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        return await(result.partitionResult(tp), "find the end of partition " + partition).offset();
    }

    /**
     * The partition's high watermark: past every record the broker acknowledged, a committed transaction's included
     * while its commit markers are still being written (so before it is readable).
     */
    long appendedEnd(int partition) {
        TopicPartition tp = tp(partition);
        var result = admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED));
        return await(result.partitionResult(tp), "find the high watermark of partition " + partition).offset();
    }

    /** The group's committed offset of the partition, 0 when it has none. */
    long acknowledged(int partition) {
        TopicPartition tp = tp(partition);
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(spec.groupId()).partitionsToOffsetAndMetadata(),
                "read the committed offsets of consumer group " + spec.groupId());
        OffsetAndMetadata offset = committed.get(tp);
        return offset == null ? 0 : offset.offset();
    }

    /**
     * Commits {@code offset} (at most the end) for the group, unless it already committed as much. Monotonic
     * within this process; instances acknowledging the same group must agree among themselves.
     */
    synchronized void acknowledge(int partition, long offset) {
        long target = Math.min(offset, endOffset(partition));
        if (target <= acknowledged(partition)) {
            return;
        }
        await(admin.alterConsumerGroupOffsets(spec.groupId(), Map.of(tp(partition), new OffsetAndMetadata(target))).all(),
                "commit offset " + target + " of partition " + partition + " for consumer group " + spec.groupId()
                        + " (a group with running members takes commits only from them)");
    }

    private TopicPartition tp(int partition) {
        return new TopicPartition(spec.topic(), partition);
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(spec.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(what, e);
        } catch (TimeoutException e) {
            throw failed(what, e);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        }
    }

    private KafkaLogException failed(String what, Throwable cause) {
        return new KafkaLogException(BROKER_UNAVAILABLE, "could not " + what + " of Kafka topic " + spec.topic() + " at "
                + spec.bootstrapServers() + " within " + TopicCheck.readable(spec.operationTimeout()) + ": "
                + cause.getMessage(), cause);
    }
}
