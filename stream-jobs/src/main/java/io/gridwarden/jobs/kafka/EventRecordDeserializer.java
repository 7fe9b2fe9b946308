package io.gridwarden.jobs.kafka;

import io.gridwarden.common.log.EventTimeHeader;
import io.gridwarden.common.log.LogRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a record of the events topic onto the {@link LogRecord} the embedded log would have produced:
 * partition, offset, the broker's append time, the value, which is the stamped event exactly as ingest
 * stores it ({@code EventCodec}'s bytes; the decoder parses them downstream), and the device time ingest
 * put in the {@link EventTimeHeader} header, which the timestamp assigner takes without parsing.
 *
 * <p>Nothing is parsed here, so a corrupt value still reaches the decoder, which reports it as a bad
 * record instead of failing the job.
 */
public final class EventRecordDeserializer implements KafkaRecordDeserializationSchema<LogRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecordDeserializer.class);

    private transient boolean warnedAboutCreateTime;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogRecord> out) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME && !warnedAboutCreateTime) {
            // Still usable, but the watermarks then follow producers' clocks, which need not be monotonic.
            LOG.warn("topic {} stores {} timestamps; create it with message.timestamp.type=LogAppendTime so the job's clock is the log's",
                    record.topic(), record.timestampType());
            warnedAboutCreateTime = true;
        }
        Header eventTime = record.headers().lastHeader(EventTimeHeader.NAME);
        out.collect(new LogRecord(record.partition(), record.offset(), record.timestamp(), record.value(),
                EventTimeHeader.decode(eventTime == null ? null : eventTime.value())));
    }

    @Override
    public TypeInformation<LogRecord> getProducedType() {
        return TypeInformation.of(LogRecord.class);
    }
}
