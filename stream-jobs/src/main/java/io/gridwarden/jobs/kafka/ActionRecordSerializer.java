package io.gridwarden.jobs.kafka;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An action as a record of the actions topic: key = the action id (UTF-8), value = the bytes the
 * embedded action log stores ({@link ActionCodec}), so consumers read either log the same way and
 * de-duplicate by key.
 */
public final class ActionRecordSerializer implements KafkaRecordSerializationSchema<Action> {

    private final String topic;

    public ActionRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Action action, KafkaSinkContext context, Long timestamp) {
        // No timestamp of our own: the topic's LogAppendTime stamps it, as the embedded log does.
        return new ProducerRecord<>(topic, null, null, action.id().getBytes(StandardCharsets.UTF_8), ActionCodec.encode(action));
    }
}
