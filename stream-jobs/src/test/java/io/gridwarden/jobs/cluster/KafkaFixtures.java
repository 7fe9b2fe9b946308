package io.gridwarden.jobs.cluster;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.EventTimeHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Writes device events into the events topic as ingest would, and reads the actions topic as alerting would. */
final class KafkaFixtures {

    /** How long the actions topic is read on after the expected actions are all there. */
    static final Duration SETTLE = Duration.ofSeconds(1);

    private KafkaFixtures() {}

    /** One action record: its key (the action id), and its value decoded. */
    record ActionRecord(String key, Action action) {}

    /** Appends the events, keyed by device (so a device's events keep their order), as stamped event bytes with their device time, as ingest does. */
    static void appendEvents(String bootstrap, String topic, List<DeviceEvent> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (DeviceEvent event : events) {
                var record = new ProducerRecord<>(topic, event.source(), EventCodec.encode(event.withIngestTime(Instant.now())));
                record.headers().add(EventTimeHeader.NAME, EventTimeHeader.encode(event.time().toEpochMilli()));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Appends a value that is not an event, as a corrupted record would be. */
    static void appendGarbage(String bootstrap, String topic, String key) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, "not json".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Reads the actions topic (one partition) from the start until {@code done} holds for what was read or
     * {@code timeout} passes, then on for {@link #SETTLE}, so that an action that should not be there
     * has its chance to show; returns every record read, duplicates included, in topic order.
     */
    static List<ActionRecord> awaitActions(String bootstrap, String topic, Predicate<List<ActionRecord>> done, Duration timeout) {
        List<ActionRecord> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                poll(consumer, read);
            }
            long settled = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < settled) {
                poll(consumer, read);
            }
        }
        return read;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, List<ActionRecord> read) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            read.add(new ActionRecord(record.key(), ActionCodec.decode(record.value())));
        }
    }
}
