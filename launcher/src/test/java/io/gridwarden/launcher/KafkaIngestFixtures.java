package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.log.kafka.RecordFormat;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Batches of the demo town's devices, the events topic as the stream job's Kafka source reads it, and the town topics. */
final class KafkaIngestFixtures {

    static final int BATCH = 20;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private KafkaIngestFixtures() {}

    /** A topic name no other test uses. */
    static String newTopic(String purpose) {
        return "gridwarden.test." + purpose + "." + TOPICS.incrementAndGet();
    }

    /**
     * {@code more} with {@code --town-topic}: the one given there, else the town topic paired with {@code eventsTopic}
     * (every instance over one events topic shares it), created on first use.
     */
    static List<String> withTownTopic(String bootstrap, String eventsTopic, List<String> more) {
        if (more.contains("--town-topic")) {
            return more;
        }
        String town = eventsTopic + ".town";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(town, KafkaTopics.TOWN_PARTITIONS, (short) 1).configs(KafkaTopics.TOWN_TOPIC_CONFIG)))
                    .all().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the town topic " + town, e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create the town topic " + town, e);
        }
        List<String> args = new ArrayList<>(more);
        args.addAll(List.of("--town-topic", town));
        return args;
    }

    /** {@link #BATCH} frames of {@code camera}, each event with an id of its own. */
    static List<DeviceEvent> batch(DemoEvents events, String camera) {
        List<DeviceEvent> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(events.frame(camera, Instant.now(), List.of(DemoEvents.car("t-" + i))));
        }
        return batch;
    }

    /** What identifies an event across devices: its source and id (ingest's de-duplication key). */
    static String key(DeviceEvent event) {
        return event.dedupKey();
    }

    /** Sends one batch over HTTP; true when ingest answered 202 (the batch is stored). */
    static boolean sentOverHttp(DeviceClient client, String camera, List<DeviceEvent> batch) throws Exception {
        return client.send(DeviceClient.demoToken(camera), batch).status() == 202;
    }

    /**
     * Every committed record of the topic, by event key (source and id), read by a plain {@code read_committed}
     * consumer without a group, as the job's Kafka source reads it; an event stored twice fails the read.
     */
    static Map<String, ConsumerRecord<String, byte[]>> readTopic(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        Map<String, ConsumerRecord<String, byte[]>> byKey = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("read the topic to its end within %s", READ_TIMEOUT).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    // the de-duplication key ingest stores beside the event: (source, id), without decoding a topic of
                    // hundreds of thousands of events (a cluster test's traffic), which took minutes under load
                    Header stored = record.headers().lastHeader(RecordFormat.DEDUP_KEY_HEADER);
                    String key = stored != null ? new String(stored.value(), StandardCharsets.UTF_8) : key(EventCodec.decode(record.value()));
                    if (byKey.put(key, record) != null) {
                        repeated.add(key);
                    }
                }
            }
        }
        assertThat(repeated).as("events stored more than once").isEmpty();
        return byKey;
    }

    /** The record is the event as ingest stores it: keyed by its device, in the partition the log's partitionOf gives. */
    static void assertPlacedByDevice(ConsumerRecord<String, byte[]> record, int partitions) {
        DeviceEvent event = EventCodec.decode(record.value());
        assertThat(record.key()).as("record key").isEqualTo(event.source());
        assertThat(record.partition()).as("partition of %s", event.source())
                .isEqualTo(Math.floorMod(event.source().hashCode(), partitions));
        Header dedup = record.headers().lastHeader(RecordFormat.DEDUP_KEY_HEADER);
        assertThat(dedup).as("de-duplication key header").isNotNull();
        assertThat(new String(dedup.value(), StandardCharsets.UTF_8)).isEqualTo(event.dedupKey());
    }
}
