package io.gridwarden.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.EventTimeHeader;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.JobFixtures;
import io.gridwarden.jobs.LogFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventRecordDeserializerTest {

    private final EventRecordDeserializer deserializer = new EventRecordDeserializer();

    private List<LogRecord> deserialize(int partition, long offset, long timestamp, byte[] value) {
        return deserialize(partition, offset, timestamp, value, new RecordHeaders());
    }

    private List<LogRecord> deserialize(int partition, long offset, long timestamp, byte[] value, RecordHeaders headers) {
        List<LogRecord> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>(KafkaTopics.EVENTS, partition, offset, timestamp, TimestampType.LOG_APPEND_TIME,
                7, value.length, "cam-0001".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty()),
                new ListCollector<>(out));
        return out;
    }

    @Test
    void shouldCarryPositionAppendTimeAndTheStoredEventBytesOver() {
        byte[] stored = EventCodec.encode(LogFixtures.detection(JobFixtures.CAMERA, JobFixtures.T0, JobFixtures.parkedCar("t-1"))
                .withIngestTime(Instant.ofEpochMilli(JobFixtures.T0 + 40)));

        List<LogRecord> records = deserialize(3, 42, JobFixtures.T0 + 41, stored);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.partition()).isEqualTo(3);
            assertThat(r.offset()).isEqualTo(42);
            assertThat(r.appendTimeMillis()).isEqualTo(JobFixtures.T0 + 41);
            assertThat(r.payload()).isEqualTo(stored);
            assertThat(EventCodec.decode(r.payload()).source()).isEqualTo(JobFixtures.CAMERA);
        });
    }

    @Test
    void shouldCarryTheDeviceTimeFromItsHeaderAndNoneWithoutOne() {
        byte[] stored = "{}".getBytes(StandardCharsets.UTF_8);
        var headers = new RecordHeaders();
        headers.add(EventTimeHeader.NAME, EventTimeHeader.encode(JobFixtures.T0));

        assertThat(deserialize(0, 1, JobFixtures.T0 + 41, stored, headers)).singleElement()
                .satisfies(r -> assertThat(r.eventTimeMillis()).isEqualTo(JobFixtures.T0));
        assertThat(deserialize(0, 2, JobFixtures.T0 + 41, stored)).singleElement()
                .satisfies(r -> assertThat(r.hasEventTime()).isFalse());
    }

    @Test
    void shouldPassACorruptValueOnForTheDecoderToReport() {
        assertThat(deserialize(0, 1, 5, "not json".getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(r -> assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("not json"));
        assertThat(deserializer.getProducedType()).isEqualTo(TypeInformation.of(LogRecord.class));
    }
}
