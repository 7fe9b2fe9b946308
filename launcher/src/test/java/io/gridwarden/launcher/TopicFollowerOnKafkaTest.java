package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.log.kafka.KafkaLogSpec;
import io.gridwarden.log.kafka.KafkaRecordLog;
import io.gridwarden.testsupport.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Read to the end" on a real Kafka topic, where a committed transaction is readable a little after its commit returns:
 * a transaction held open here is that window made as long as the test needs.
 */
@ExtendWith(SharedKafka.class)
class TopicFollowerOnKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private String topic;
    private KafkaRecordLog log;
    private KafkaProducer<String, byte[]> producer;
    private TopicFollower follower;
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        topic = KafkaIngestFixtures.newTopic("follow");
        SharedKafka.broker().createTopic(topic, 1, KafkaTopics.TOPIC_CONFIG);
        log = KafkaRecordLog.open(KafkaLogSpec.of(SharedKafka.broker().bootstrap(), topic, 1, "test-follower")
                .withTransactionalId("test-follower." + topic).withTimeouts(TIMEOUT));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.broker().bootstrap(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "other-instance." + topic), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        follower = TopicFollower.start(topic, log, new long[1],
                (partition, page) -> page.forEach(r -> handled.add(new String(r.payload(), StandardCharsets.UTF_8))));
        assertThat(follower.awaitReadToEnd(0, TIMEOUT)).as("the empty topic read to its end").isTrue();
    }

    @AfterEach
    void close() {
        follower.close();
        producer.close();
        log.close();
    }

    @Test
    void shouldNotCallTheTopicReadToItsEndBeforeAnAppendedTransactionIsReadable() throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, "k", bytes("in a transaction"))).get(); // acknowledged: below the high watermark

        assertThat(follower.awaitReadToEnd(0, Duration.ofSeconds(1)))
                .as("read to the end while the record is appended but not yet readable").isFalse();
        assertThat(handled).isEmpty();

        producer.commitTransaction();

        assertThat(follower.awaitReadToEnd(0, TIMEOUT)).isTrue();
        assertThat(handled).as("handled once the wait returns, with no wait of its own").containsExactly("in a transaction");
    }

    @Test
    void shouldCallTheTopicReadToItsEndOnceAnOpenTransactionIsAbortedAndHandleNothingOfIt() throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, "k", bytes("aborted"))).get();
        producer.abortTransaction();
        log.append(List.of(new LogEntry("k", null, bytes("after")))).get();

        assertThat(follower.awaitReadToEnd(0, TIMEOUT)).isTrue();
        assertThat(handled).containsExactly("after");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
