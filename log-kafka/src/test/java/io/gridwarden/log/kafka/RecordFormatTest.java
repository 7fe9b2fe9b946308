package io.gridwarden.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    private static final byte[] PAYLOAD = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldKeyByPartitionKeyAndCarryTheDedupKeyInAHeader() {
        ProducerRecord<String, byte[]> record = RecordFormat.toProducerRecord("events", 3, new LogEntry("cam-1", "cam-1/e1", PAYLOAD));

        assertThat(record.partition()).isEqualTo(3);
        assertThat(record.key()).isEqualTo("cam-1");
        assertThat(record.value()).isEqualTo(PAYLOAD);
        assertThat(record.timestamp()).as("the broker stamps it").isNull();
        assertThat(new String(record.headers().lastHeader(RecordFormat.DEDUP_KEY_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("cam-1/e1");
    }

    @Test
    void shouldSendNoHeaderForAnEntryWithoutDedupKey() {
        ProducerRecord<String, byte[]> record = RecordFormat.toProducerRecord("events", 0, new LogEntry("cam-1", null, PAYLOAD));
        assertThat(record.headers().toArray()).isEmpty();
    }

    @Test
    void shouldReadPositionTimeAndPayloadBack() {
        var consumed = new ConsumerRecord<>("events", 2, 41L, 1_700_000_000_000L, TimestampType.LOG_APPEND_TIME, 5, 2,
                "cam-1", PAYLOAD, new org.apache.kafka.common.header.internals.RecordHeaders(), Optional.empty());

        LogRecord record = RecordFormat.toLogRecord(consumed);

        assertThat(record.partition()).isEqualTo(2);
        assertThat(record.offset()).isEqualTo(41);
        assertThat(record.appendTimeMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(record.payload()).isEqualTo(PAYLOAD);
        assertThat(RecordFormat.dedupKey(consumed)).isNull();
    }

    @Test
    void shouldCarryTheEventTimeInAHeaderAndReadItBack() {
        ProducerRecord<String, byte[]> produced = RecordFormat.toProducerRecord("events", 1,
                new LogEntry("cam-1", "cam-1/e1", PAYLOAD, 1_764_806_400_123L));
        var consumed = new ConsumerRecord<>("events", 1, 7L, 1_764_806_400_200L, TimestampType.LOG_APPEND_TIME, 5, 2,
                "cam-1", PAYLOAD, produced.headers(), Optional.empty());

        LogRecord record = RecordFormat.toLogRecord(consumed);

        assertThat(produced.timestamp()).as("the broker still stamps the record's own time").isNull();
        assertThat(record.eventTimeMillis()).isEqualTo(1_764_806_400_123L);
        assertThat(record.appendTimeMillis()).isEqualTo(1_764_806_400_200L);
        assertThat(RecordFormat.estimatedSize(new LogEntry("cam-1", "cam-1/e1", PAYLOAD, 1L))).as("the header counts toward a batch")
                .isGreaterThan(RecordFormat.estimatedSize(new LogEntry("cam-1", "cam-1/e1", PAYLOAD)));
    }

    @Test
    void shouldReadARecordWithoutEventTimeAsHavingNone() {
        var consumed = new ConsumerRecord<>("events", 0, 0L, 1_700_000_000_000L, TimestampType.LOG_APPEND_TIME, 5, 2,
                "cam-1", PAYLOAD, new org.apache.kafka.common.header.internals.RecordHeaders(), Optional.empty());
        assertThat(RecordFormat.toLogRecord(consumed).hasEventTime()).isFalse();
    }
}
