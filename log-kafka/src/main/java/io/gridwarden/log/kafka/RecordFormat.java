package io.gridwarden.log.kafka;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a log entry is a Kafka record, and a Kafka record a log record: key = the partition key (UTF-8),
 * value = the payload, the de-duplication key (if any) in the {@link #DEDUP_KEY_HEADER} header, and the
 * partition chosen by the log ({@code RecordLog.partitionOf}), not by Kafka's key hash, so a device's
 * records land where the embedded log and the jobs expect them.
 */
public final class RecordFormat {

    /** The header carrying an entry's de-duplication key, UTF-8; absent when the entry has none. */
    public static final String DEDUP_KEY_HEADER = "gridwarden-dedup-key";

    /** A record's own bytes around key, value and headers, and its share of the batch header, generously. */
    private static final int RECORD_OVERHEAD = 128;

    private RecordFormat() {}

    static ProducerRecord<String, byte[]> toProducerRecord(String topic, int partition, LogEntry entry) {
        List<Header> headers = entry.dedupKey() == null ? List.of()
                : List.of(new RecordHeader(DEDUP_KEY_HEADER, entry.dedupKey().getBytes(StandardCharsets.UTF_8)));
        // No timestamp: the topic stamps the broker's clock (LogAppendTime), which the startup check insists on.
        return new ProducerRecord<>(topic, partition, null, entry.partitionKey(), entry.payload(), headers);
    }

    /** An upper estimate of the entry's size in a produce request (payload, key, header and record overhead). */
    static int estimatedSize(LogEntry entry) {
        int key = entry.partitionKey().length() * 3; // UTF-8: at most 3 bytes per char
        int dedup = entry.dedupKey() == null ? 0 : DEDUP_KEY_HEADER.length() + entry.dedupKey().length() * 3;
        return entry.payload().length + key + dedup + RECORD_OVERHEAD;
    }

    /** The record as the log hands it out; its time is the broker's append time. */
    static LogRecord toLogRecord(ConsumerRecord<String, byte[]> record) {
        return new LogRecord(record.partition(), record.offset(), record.timestamp(), record.value());
    }

    /** The de-duplication key a record carries, or null. */
    public static String dedupKey(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(DEDUP_KEY_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
