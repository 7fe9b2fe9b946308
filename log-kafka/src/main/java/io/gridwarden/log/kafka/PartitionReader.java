package io.gridwarden.log.kafka;

import io.gridwarden.common.log.LogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The log's {@code read}: one consumer without a group (created at the first read), assigned to the
 * partition being read, reading committed records only. Reads of one partition that follow each
 * other (a tailer's pages) go on from where the consumer is, using what it fetched ahead.
 *
 * <p>Offsets have gaps: a transaction's commit marker takes one, an aborted append takes its records'.
 * A read returns the records at or after {@code from}, with their own offsets, so a caller that goes
 * on from the last offset returned + 1 steps over the gaps.
 */
final class PartitionReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaLogSpec spec;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final long[] knownEnd;
    private Consumer<String, byte[]> consumer;
    private int assigned = -1;
    /** Where the consumer's next record of the assigned partition comes from, as far as this class knows. */
    private long position = -1;

    PartitionReader(KafkaLogSpec spec, Supplier<Consumer<String, byte[]>> consumers) {
        this.spec = spec;
        this.consumers = consumers;
        this.knownEnd = new long[spec.partitions()];
    }

    synchronized List<LogRecord> read(int partition, long from, int max) {
        TopicPartition tp = new TopicPartition(spec.topic(), partition);
        if (max < 1 || from >= end(tp, from >= knownEnd[partition])) {
            return List.of();
        }
        moveTo(tp, from);
        List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
        long deadline = System.nanoTime() + spec.operationTimeout().toNanos();
        boolean refreshed = false;
        while (out.size() < max) {
            if (position >= knownEnd[partition]) {
                if (refreshed || position >= end(tp, true)) {
                    break; // read to the end as it is now
                }
                refreshed = true;
            }
            if (System.nanoTime() > deadline) {
                if (out.isEmpty()) {
                    throw unavailable("read partition " + partition + " from offset " + from, null);
                }
                break;
            }
            pollInto(tp, from, max, out);
        }
        return out;
    }

    /** One poll; records beyond {@code max} are left for the next read (the consumer goes back to the first of them). */
    private void pollInto(TopicPartition tp, long from, int max, List<LogRecord> out) {
        long surplus = -1;
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(tp)) {
                if (out.size() < max) {
                    if (record.offset() >= from) {
                        out.add(RecordFormat.toLogRecord(record));
                    }
                } else if (surplus < 0) {
                    surplus = record.offset();
                }
            }
            if (surplus >= 0) {
                consumer.seek(tp, surplus);
                position = surplus;
            } else {
                position = consumer.position(tp, spec.operationTimeout());
            }
        } catch (KafkaException e) {
            assigned = -1; // start afresh at the next read
            throw unavailable("read partition " + tp.partition(), e);
        }
    }

    /** The partition's visible end (below it, every transaction is decided): the known one, or asked for anew. */
    private long end(TopicPartition tp, boolean ask) {
        if (ask) {
            try {
                knownEnd[tp.partition()] = consumer().endOffsets(List.of(tp), spec.operationTimeout()).get(tp);
            } catch (KafkaException e) {
                throw unavailable("find the end of partition " + tp.partition(), e);
            }
        }
        return knownEnd[tp.partition()];
    }

    private void moveTo(TopicPartition tp, long from) {
        if (assigned != tp.partition()) {
            consumer().assign(List.of(tp));
            assigned = tp.partition();
            position = -1;
        }
        if (position != from) {
            consumer.seek(tp, from);
            position = from;
        }
    }

    private Consumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = consumers.get();
        }
        return consumer;
    }

    private KafkaLogException unavailable(String what, Throwable cause) {
        return new KafkaLogException(KafkaLogException.Reason.BROKER_UNAVAILABLE, "could not " + what + " of Kafka topic "
                + spec.topic() + " within " + TopicCheck.readable(spec.operationTimeout()) + " at " + spec.bootstrapServers()
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    @Override
    public void close() {
        close(spec.operationTimeout());
    }

    /** Closes the consumer, waiting at most {@code wait} for it. */
    synchronized void close(Duration wait) {
        if (consumer != null) {
            consumer.close(CloseOptions.timeout(wait));
            consumer = null;
        }
    }
}
