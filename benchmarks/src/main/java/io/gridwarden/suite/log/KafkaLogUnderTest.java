package io.gridwarden.suite.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka as the event log: one shared producer with {@code acks=all} (idempotent, Kafka's default), key = device id. */
public final class KafkaLogUnderTest implements ClosedLoopAppends.DurableLog {

    static final String TOPIC = "events";
    private final KafkaProducer<String, byte[]> producer;

    public KafkaLogUnderTest(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    @Override
    public void appendDurably(String key, List<byte[]> events) throws Exception {
        List<Future<?>> sent = new ArrayList<>(events.size());
        for (byte[] event : events) {
            sent.add(producer.send(new ProducerRecord<>(TOPIC, key, event)));
        }
        for (Future<?> f : sent) {
            f.get();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
