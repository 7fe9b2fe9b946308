package io.gridwarden.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Action.OfficerPosition;
import io.gridwarden.common.action.ActionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class ActionRecordSerializerTest {

    @Test
    void shouldKeyByActionIdAndStoreTheActionLogBytes() {
        Action action = Action.officer(new OfficerPosition("off-02", "hecun", 28.741, 118.586, "available", Instant.parse("2026-11-22T08:00:00Z")));

        ProducerRecord<byte[], byte[]> record = new ActionRecordSerializer("actions-topic").serialize(action, null, 123L);

        assertThat(record.topic()).isEqualTo("actions-topic");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(action.id());
        assertThat(record.value()).isEqualTo(ActionCodec.encode(action));
        assertThat(ActionCodec.decode(record.value())).isEqualTo(action);
        assertThat(record.partition()).as("the key chooses the partition").isNull();
        assertThat(record.timestamp()).as("the topic's LogAppendTime stamps it").isNull();
    }
}
