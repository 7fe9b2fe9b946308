package io.gridwarden.log.kafka;

import io.gridwarden.testsupport.SharedKafka;
import io.gridwarden.testsupport.SingleNodeKafka;
import static io.gridwarden.log.kafka.KafkaLogFixtures.LOG_APPEND_TIME;
import static io.gridwarden.log.kafka.KafkaLogFixtures.entry;
import static io.gridwarden.log.kafka.KafkaLogFixtures.newTopic;
import static io.gridwarden.log.kafka.KafkaLogFixtures.payloads;
import static io.gridwarden.log.kafka.KafkaLogFixtures.readTopic;
import static io.gridwarden.log.kafka.KafkaLogFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Kafka log against a real single-node KRaft broker (a child JVM on loopback), one topic per test. */
@ExtendWith(SharedKafka.class)
class KafkaRecordLogTest {

    private SingleNodeKafka kafka;

    @BeforeEach
    void broker() {
        kafka = SharedKafka.broker();
    }

    private KafkaRecordLog openNew(String purpose, int partitions) throws Exception {
        String topic = newTopic(purpose);
        kafka.createTopic(topic, partitions, LOG_APPEND_TIME);
        return KafkaRecordLog.open(spec(kafka.bootstrap(), topic, partitions));
    }

    @Test
    @DisplayName("Appends complete once stored, and a device's records read back in order, page by page")
    void shouldReadAcknowledgedAppendsInOrder() throws Exception {
        try (KafkaRecordLog log = openNew("order", 3)) {
            assertThat(log.append(List.of(entry("cam-1", "a"), entry("cam-2", "a"), entry("cam-1", "b"))).join())
                    .isEqualTo(new AppendResult(3, 0));
            LogEntry timed = new LogEntry("cam-1", "cam-1/c", "cam-1:c".getBytes(StandardCharsets.UTF_8), 1_764_806_400_123L);
            assertThat(log.append(List.of(timed)).join()).isEqualTo(new AppendResult(1, 0));
            // Completed means stored: a reader of its own sees every record at once.
            assertThat(readTopic(kafka.bootstrap(), log.spec().topic())).hasSize(4);

            int partition = log.partitionOf("cam-1");
            List<LogRecord> all = log.read(partition, 0, 10);
            assertThat(payloads(all)).containsSubsequence("cam-1:a", "cam-1:b", "cam-1:c");
            assertThat(all).extracting(LogRecord::offset).isSorted().doesNotHaveDuplicates();
            assertThat(all).extracting(LogRecord::appendTimeMillis).isSorted();
            assertThat(all).extracting(LogRecord::eventTimeMillis).as("the event time stored beside each record")
                    .containsSubsequence(LogRecord.NO_EVENT_TIME, LogRecord.NO_EVENT_TIME, 1_764_806_400_123L);
            assertThat(log.endOffset(partition)).isGreaterThan(all.get(all.size() - 1).offset());

            List<LogRecord> first = log.read(partition, 0, 1);
            List<LogRecord> rest = log.read(partition, first.get(0).offset() + 1, 10);
            assertThat(payloads(first)).isEqualTo(payloads(all.subList(0, 1)));
            assertThat(payloads(rest)).isEqualTo(payloads(all.subList(1, all.size())));
            assertThat(log.read(partition, log.endOffset(partition), 10)).isEmpty();
        }
    }

    @Test
    @DisplayName("Each record goes to RecordLog.partitionOf its key, keyed by device, its de-duplication key in a header")
    void shouldPartitionAsTheRecordLogInterfaceDoes() throws Exception {
        int partitions = 4;
        try (KafkaRecordLog log = openNew("partitioning", partitions)) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                entries.add(entry("cam-" + i, "e" + i));
            }
            entries.add(new LogEntry("sensor-9", null, "no key".getBytes(StandardCharsets.UTF_8)));
            log.append(entries).join();

            List<ConsumerRecord<String, byte[]>> records = readTopic(kafka.bootstrap(), log.spec().topic());
            assertThat(records).hasSize(entries.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(record.partition()).as(record.key()).isEqualTo(Math.floorMod(record.key().hashCode(), partitions));
                String payload = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(RecordFormat.dedupKey(record)).isEqualTo(record.key().equals("sensor-9") ? null : payload.replace(':', '/'));
            }
            // The check above could not pass by chance with Kafka's own partitioner: it places some of these keys elsewhere.
            assertThat(records).anyMatch(r -> murmur2Partition(r.key(), partitions) != r.partition());
        }
    }

    private static int murmur2Partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    @DisplayName("A full write queue fails an append at once with LogOverloadedException; every append it took is stored")
    void shouldFailFastWhenTheQueueIsFull() throws Exception {
        String topic = newTopic("overload");
        kafka.createTopic(topic, 1, LOG_APPEND_TIME);
        try (KafkaRecordLog log = KafkaRecordLog.open(spec(kafka.bootstrap(), topic, 1).withMaxPendingAppends(2))) {
            List<CompletableFuture<AppendResult>> taken = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 1_000; i++) {
                CompletableFuture<AppendResult> append = log.append(List.of(entry("cam-1", "e" + i)));
                if (append.isCompletedExceptionally()) { // failed before append returned
                    assertThat(append).failsWithin(0, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                            .havingCause().isInstanceOf(LogOverloadedException.class);
                    refused++;
                } else {
                    taken.add(append);
                }
            }
            CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(refused).isPositive();
            assertThat(readTopic(kafka.bootstrap(), topic)).hasSize(taken.size());
        }
    }

    @Test
    @DisplayName("A re-send to the same instance is a duplicate; one to another instance is stored again, header and all")
    void shouldAnswerRecentResendsAsDuplicates() throws Exception {
        String topic = newTopic("dedup");
        kafka.createTopic(topic, 2, LOG_APPEND_TIME);
        try (KafkaRecordLog first = KafkaRecordLog.open(spec(kafka.bootstrap(), topic, 2));
             KafkaRecordLog second = KafkaRecordLog.open(spec(kafka.bootstrap(), topic, 2))) {
            assertThat(first.append(List.of(entry("cam-1", "a"), entry("cam-1", "a"))).join()).isEqualTo(new AppendResult(1, 1));
            assertThat(first.append(List.of(entry("cam-1", "a"), entry("cam-1", "b"))).join()).isEqualTo(new AppendResult(1, 1));
            assertThat(second.append(List.of(entry("cam-1", "a"))).join()).isEqualTo(new AppendResult(1, 0));

            List<String> keys = readTopic(kafka.bootstrap(), topic).stream().map(RecordFormat::dedupKey).toList();
            assertThat(keys).containsExactly("cam-1/a", "cam-1/b", "cam-1/a");
        }
    }

    @Test
    @DisplayName("awaitRecord wakes a reader for the next record, not for the commit marker before it")
    void shouldAwaitARecordNotAMarker() throws Exception {
        try (KafkaRecordLog log = openNew("await", 1)) {
            log.append(List.of(entry("cam-1", "a"))).join();
            List<LogRecord> first = log.read(0, 0, 10);
            long cursor = first.get(first.size() - 1).offset() + 1;
            assertThat(log.endOffset(0)).as("the commit marker takes an offset").isGreaterThan(cursor);
            assertThat(log.awaitRecord(0, 0)).succeedsWithin(KafkaLogFixtures.TIMEOUT);

            CompletableFuture<Void> next = log.awaitRecord(0, cursor);
            assertThat(log.read(0, cursor, 10)).isEmpty();
            Thread.sleep(500);
            assertThat(next).isNotDone();

            log.append(List.of(entry("cam-1", "b"))).join();
            assertThat(next).succeedsWithin(KafkaLogFixtures.TIMEOUT);
            assertThat(payloads(log.read(0, cursor, 10))).containsExactly("cam-1:b");
        }
    }

    @Test
    @DisplayName("Acknowledged offsets are the consumer group's committed offsets: monotonic, at most the end, shared")
    void shouldAcknowledgeThroughTheConsumerGroup() throws Exception {
        try (KafkaRecordLog log = openNew("ack", 2)) {
            int p = log.partitionOf("cam-1");
            log.append(List.of(entry("cam-1", "a"), entry("cam-1", "b"), entry("cam-1", "c"))).join();
            assertThat(log.acknowledged(p)).isZero();

            log.acknowledge(p, 2);
            log.acknowledge(p, 1);
            assertThat(log.acknowledged(p)).isEqualTo(2);
            assertThat(committed(log.spec(), p)).isEqualTo(2);
            assertThat(log.lag(p)).isEqualTo(log.endOffset(p) - 2);

            log.acknowledge(p, 1_000);
            assertThat(log.acknowledged(p)).isEqualTo(log.endOffset(p));
            try (KafkaRecordLog other = KafkaRecordLog.open(log.spec().withTransactionalId(log.spec().transactionalId() + "-b"))) {
                assertThat(other.acknowledged(p)).isEqualTo(log.endOffset(p));
                assertThat(other.acknowledged(1 - p)).isZero();
            }
        }
    }

    private long committed(KafkaLogSpec spec, int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            return admin.listConsumerGroupOffsets(spec.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .get(new TopicPartition(spec.topic(), partition)).offset();
        }
    }

    @Test
    @DisplayName("An entry too large for a produce request fails its own append only, before any transaction")
    void shouldRefuseATooLargeEntryAlone() throws Exception {
        try (KafkaRecordLog log = openNew("too-large", 1)) {
            LogEntry huge = new LogEntry("cam-1", "cam-1/huge", new byte[KafkaClients.DEFAULT_MAX_REQUEST_BYTES]);
            CompletableFuture<AppendResult> refused = log.append(List.of(entry("cam-1", "a"), huge));
            CompletableFuture<AppendResult> fine = log.append(List.of(entry("cam-1", "b")));

            assertThat(refused).failsWithin(KafkaLogFixtures.TIMEOUT).withThrowableOfType(Exception.class).havingCause()
                    .isInstanceOfSatisfying(KafkaLogException.class,
                            e -> assertThat(e.reason()).isEqualTo(KafkaLogException.Reason.RECORD_TOO_LARGE));
            assertThat(fine).succeedsWithin(KafkaLogFixtures.TIMEOUT).isEqualTo(new AppendResult(1, 0));
            assertThat(payloads(log.read(0, 0, 10))).containsExactly("cam-1:b");
        }
    }

    @Test
    @DisplayName("A stopped log refuses appends with a typed reason")
    void shouldRefuseAppendsOnceClosed() throws Exception {
        KafkaRecordLog log = openNew("closed", 1);
        log.close();
        assertThat(log.append(List.of(entry("cam-1", "a")))).failsWithin(0, TimeUnit.SECONDS)
                .withThrowableOfType(Exception.class).havingCause().isInstanceOfSatisfying(KafkaLogException.class,
                        e -> assertThat(e.reason()).isEqualTo(KafkaLogException.Reason.CLOSED));
    }
}
