package io.gridwarden.log.kafka;

import io.gridwarden.testsupport.SharedKafka;
import io.gridwarden.testsupport.ChildJvm;
import static io.gridwarden.log.kafka.KafkaLogFixtures.LOG_APPEND_TIME;
import static io.gridwarden.log.kafka.KafkaLogFixtures.newTopic;
import static io.gridwarden.log.kafka.KafkaLogFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridwarden.log.kafka.KafkaLogException.Reason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link KafkaRecordLog#open} refuses each misconfiguration with a message that says what to change. */
@ExtendWith(SharedKafka.class)
class KafkaLogStartupChecksTest {

    private static KafkaLogException refusal(KafkaLogSpec spec) {
        return catchThrowableOfType(KafkaLogException.class, () -> KafkaRecordLog.open(spec).close());
    }

    @Test
    @DisplayName("No broker at the bootstrap servers: refused within the startup timeout, naming the servers")
    void shouldRefuseAnUnreachableBroker() {
        String nobody = "127.0.0.1:" + ChildJvm.freePort();
        KafkaLogSpec spec = spec(nobody, newTopic("unreachable"), 1).withTimeouts(Duration.ofSeconds(2));

        long start = System.nanoTime();
        KafkaLogException refused = refusal(spec);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.reason()).isEqualTo(Reason.BROKER_UNREACHABLE);
        assertThat(refused.getMessage()).contains(nobody).contains("within 2 s");
        assertThat(took).isLessThan(Duration.ofSeconds(2 + 8)); // the timeout, and the admin client's start and stop
    }

    @Test
    @DisplayName("A missing topic: refused, naming it and how to create it")
    void shouldRefuseAMissingTopic() {
        String topic = newTopic("missing");
        KafkaLogException refused = refusal(spec(SharedKafka.broker().bootstrap(), topic, 3));

        assertThat(refused.reason()).isEqualTo(Reason.TOPIC_MISSING);
        assertThat(refused.getMessage()).contains("topic " + topic + " does not exist")
                .contains("kafka-topics.sh --bootstrap-server " + SharedKafka.broker().bootstrap() + " --create --topic " + topic
                        + " --partitions 3")
                .contains("message.timestamp.type=LogAppendTime");
    }

    @Test
    @DisplayName("A topic with another partition count: refused, naming the expected and the actual count")
    void shouldRefuseAnotherPartitionCount() throws Exception {
        String topic = newTopic("partitions");
        SharedKafka.broker().createTopic(topic, 2, LOG_APPEND_TIME);

        KafkaLogException refused = refusal(spec(SharedKafka.broker().bootstrap(), topic, 8));

        assertThat(refused.reason()).isEqualTo(Reason.PARTITION_COUNT_MISMATCH);
        assertThat(refused.getMessage()).contains("has 2 partitions but the log is configured for 8");
    }

    @Test
    @DisplayName("A topic that keeps the producer's time: refused, with the command that fixes it")
    void shouldRefuseProducerTimestamps() throws Exception {
        String topic = newTopic("create-time");
        SharedKafka.broker().createTopic(topic, 1, Map.of());

        KafkaLogException refused = refusal(spec(SharedKafka.broker().bootstrap(), topic, 1));

        assertThat(refused.reason()).isEqualTo(Reason.WRONG_TIMESTAMP_TYPE);
        assertThat(refused.getMessage()).contains("message.timestamp.type=CreateTime")
                .contains("--entity-name " + topic + " --add-config message.timestamp.type=LogAppendTime");
    }
}
