package io.gridwarden.log.kafka;

import io.gridwarden.common.log.EventTimeHeader;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a log entry is a Kafka record, and a Kafka record a log record: key = the partition key (UTF-8),
 * value = the payload, the de-duplication key (if any) in the {@link #DEDUP_KEY_HEADER} header, the event
 * time (if any) in the {@link EventTimeHeader} header, and the partition chosen by the log
 * ({@code RecordLog.partitionOf}), not by Kafka's key hash, so a device's records land where the embedded
 * log and the jobs expect them. The record's timestamp is the broker's append time, not the event time:
 * the jobs' watermarks follow the log's clock.
 */
public final class RecordFormat {

    /** The header carrying an entry's de-duplication key, UTF-8; absent when the entry has none. */
    public static final String DEDUP_KEY_HEADER = "gridwarden-dedup-key";

    /** A record's own bytes around key, value and headers, and its share of the batch header, generously. */
    private static final int RECORD_OVERHEAD = 128;

    private RecordFormat() {}

    static ProducerRecord<String, byte[]> toProducerRecord(String topic, int partition, LogEntry entry) {
        List<Header> headers = new ArrayList<>(2);
        if (entry.dedupKey() != null) {
            headers.add(new RecordHeader(DEDUP_KEY_HEADER, entry.dedupKey().getBytes(StandardCharsets.UTF_8)));
        }
        if (entry.eventTimeMillis() != LogRecord.NO_EVENT_TIME) {
            headers.add(new RecordHeader(EventTimeHeader.NAME, EventTimeHeader.encode(entry.eventTimeMillis())));
        }
        // No timestamp: the topic stamps the broker's clock (LogAppendTime), which the startup check insists on.
        return new ProducerRecord<>(topic, partition, null, entry.partitionKey(), entry.payload(), headers);
    }

    /** An upper estimate of the entry's size in a produce request (payload, key, headers and record overhead). */
    static int estimatedSize(LogEntry entry) {
        int key = entry.partitionKey().length() * 3; // UTF-8: at most 3 bytes per char
        int dedup = entry.dedupKey() == null ? 0 : DEDUP_KEY_HEADER.length() + entry.dedupKey().length() * 3;
        int time = entry.eventTimeMillis() == LogRecord.NO_EVENT_TIME ? 0 : EventTimeHeader.NAME.length() + Long.BYTES;
        return entry.payload().length + key + dedup + time + RECORD_OVERHEAD;
    }

    /** The record as the log hands it out; its time is the broker's append time, its event time the header's. */
    static LogRecord toLogRecord(ConsumerRecord<String, byte[]> record) {
        return new LogRecord(record.partition(), record.offset(), record.timestamp(), record.value(), eventTime(record));
    }

    /** The event time a record carries, or {@link LogRecord#NO_EVENT_TIME} (written without one, or before it was stored). */
    public static long eventTime(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(EventTimeHeader.NAME);
        return EventTimeHeader.decode(header == null ? null : header.value());
    }

    /** The de-duplication key a record carries, or null. */
    public static String dedupKey(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(DEDUP_KEY_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
