package io.gridwarden.log.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of one log, configured in one place: the settings its guarantees rest on come last,
 * over the spec's {@code clientProperties}.
 */
final class KafkaClients {

    /** The writer's own limit (5) is Kafka's largest that keeps an idempotent producer's order. */
    static final int MAX_IN_FLIGHT = 5;

    /** Kafka's default {@code max.request.size}: the largest record the producer sends. */
    static final int DEFAULT_MAX_REQUEST_BYTES = 1_048_576;

    private final KafkaLogSpec spec;

    KafkaClients(KafkaLogSpec spec) {
        this.spec = spec;
    }

    /** For the startup checks, offsets and acknowledgements. */
    Admin admin(int timeoutMillis) {
        Map<String, Object> config = common();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridwarden-log-admin-" + spec.topic());
        return Admin.create(config);
    }

    /**
     * The writer: idempotent (no duplicate and no reordering on retries), acknowledged by every in-sync
     * replica, and transactional, so the records of one group of appends are stored all or none.
     */
    Producer<String, byte[]> producer() {
        int timeout = (int) spec.appendTimeout().toMillis();
        Map<String, Object> config = common();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, MAX_IN_FLIGHT);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, spec.transactionalId());
        // A transaction lives for one group of appends; one left open by a crash blocks readers this long at most.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Math.max(timeout * 2, 10_000));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout / 2));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // the writer groups appends itself; commit flushes at once
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "gridwarden-log-writer-" + spec.transactionalId());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A reader without a group (partitions are assigned, never subscribed): it sees only committed
     * records, so an append that failed is never read, and starts from the earliest record kept when
     * asked for one that retention has deleted.
     */
    Consumer<String, byte[]> reader(String role) {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) spec.operationTimeout().toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) spec.operationTimeout().toMillis());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gridwarden-log-" + role + "-" + spec.topic());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The largest request the producer sends: the spec's {@code max.request.size}, else Kafka's default. */
    static int maxRequestBytes(KafkaLogSpec spec) {
        String configured = spec.clientProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return configured == null ? DEFAULT_MAX_REQUEST_BYTES : Integer.parseInt(configured.trim());
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>(spec.clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
        return config;
    }
}
