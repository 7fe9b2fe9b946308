package io.gridwarden.log.kafka;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Entries, specs and a plain Kafka reader (as the jobs' Kafka source reads a topic) for the log's tests. */
final class KafkaLogFixtures {

    /** The topic configuration the log insists on. */
    static final Map<String, String> LOG_APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");
    /** Short enough that a test of a failure does not wait long; long enough for a loaded two-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private KafkaLogFixtures() {}

    /** A topic name no other test uses. */
    static String newTopic(String purpose) {
        return "gridwarden.test." + purpose + "." + TOPICS.incrementAndGet();
    }

    /** A log of {@code topic} with short timeouts and a transactional id of its own. */
    static KafkaLogSpec spec(String bootstrap, String topic, int partitions) {
        return KafkaLogSpec.of(bootstrap, topic, partitions, "gridwarden-test-group")
                .withTransactionalId("gridwarden-test-" + topic + "-" + TOPICS.incrementAndGet())
                .withTimeouts(TIMEOUT);
    }

    /** An event of {@code device} as ingest appends it: partition key = device, de-duplication key = device/id. */
    static LogEntry entry(String device, String id) {
        return new LogEntry(device, device + "/" + id, (device + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static List<String> payloads(List<LogRecord> records) {
        return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    /** Every committed record of the topic, partition by partition, read by a plain consumer without a group. */
    static List<ConsumerRecord<String, byte[]>> readTopic(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.multipliedBy(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }
}
