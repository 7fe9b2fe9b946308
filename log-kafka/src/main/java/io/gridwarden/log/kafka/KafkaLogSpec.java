package io.gridwarden.log.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which topic a {@link KafkaRecordLog} is, how it reaches it and how long it waits: the one place its
 * defaults live.
 *
 * @param bootstrapServers  Kafka's bootstrap servers, {@code host:port[,host:port…]}
 * @param topic             the topic; it must exist with {@code partitions} partitions and {@code LogAppendTime}
 * @param partitions        the partition count the topic must have (the partitioning of keys depends on it)
 * @param groupId           the consumer group whose committed offsets are the log's acknowledged offsets
 * @param transactionalId   this instance's producer identity: unique per instance, stable across its restarts
 *                          (a restart then aborts what the previous run left open at once)
 * @param maxPendingAppends appends waiting for the writer at most; more fail at once with
 *                          {@link io.gridwarden.common.log.LogOverloadedException}
 * @param appendTimeout     how long one group of appends may take before it fails (broker down, no leader)
 * @param operationTimeout  how long a read, an offset query or an acknowledgement may take
 * @param startupTimeout    how long {@link KafkaRecordLog#open} waits for a broker before it gives up
 * @param recentKeys        de-duplication keys this instance remembers (0: none); see {@link RecentKeys}
 * @param clientProperties  further Kafka client settings for every client of the log (security, SASL, …);
 *                          not the ones the log's guarantees rest on ({@link #RESERVED_PROPERTIES})
 */
public record KafkaLogSpec(String bootstrapServers, String topic, int partitions, String groupId, String transactionalId,
                           int maxPendingAppends, Duration appendTimeout, Duration operationTimeout,
                           Duration startupTimeout, int recentKeys, Map<String, String> clientProperties) {

    public static final int DEFAULT_MAX_PENDING_APPENDS = 8192;
    public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_RECENT_KEYS = 100_000;

    /** Settings the log fixes itself, since its guarantees rest on them: not to be overridden. */
    public static final Set<String> RESERVED_PROPERTIES = Set.of("bootstrap.servers", "enable.idempotence", "acks",
            "max.in.flight.requests.per.connection", "transactional.id", "isolation.level", "group.id",
            "enable.auto.commit", "key.serializer", "value.serializer", "key.deserializer", "value.deserializer");

    public KafkaLogSpec {
        requireText("bootstrapServers", bootstrapServers, "give host:port of at least one broker");
        requireText("topic", topic, "e.g. gridwarden.events");
        requireText("groupId", groupId, "e.g. gridwarden-enforcement");
        requireText("transactionalId", transactionalId, "one per instance, e.g. gridwarden.events.ingest-1");
        if (partitions < 1) {
            throw new IllegalArgumentException("a log needs at least one partition, got " + partitions);
        }
        if (maxPendingAppends < 1) {
            throw new IllegalArgumentException("maxPendingAppends must be positive, got " + maxPendingAppends);
        }
        if (recentKeys < 0) {
            throw new IllegalArgumentException("recentKeys must be zero (remember none) or positive, got " + recentKeys);
        }
        requirePositive("appendTimeout", appendTimeout);
        requirePositive("operationTimeout", operationTimeout);
        requirePositive("startupTimeout", startupTimeout);
        clientProperties = Map.copyOf(clientProperties);
        for (String key : new TreeMap<>(clientProperties).keySet()) {
            if (RESERVED_PROPERTIES.contains(key)) {
                throw new IllegalArgumentException("the Kafka client property " + key
                        + " is set by the log itself (its guarantees rest on it): remove it from clientProperties");
            }
        }
    }

    /**
     * A log of {@code topic} with every default, and this host's transactional id
     * ({@code gridwarden.<topic>.<host name>}): give each instance on one host its own with {@link #withTransactionalId}.
     */
    public static KafkaLogSpec of(String bootstrapServers, String topic, int partitions, String groupId) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, "gridwarden." + topic + "." + hostName(),
                DEFAULT_MAX_PENDING_APPENDS, DEFAULT_APPEND_TIMEOUT, DEFAULT_OPERATION_TIMEOUT, DEFAULT_STARTUP_TIMEOUT,
                DEFAULT_RECENT_KEYS, Map.of());
    }

    public KafkaLogSpec withTransactionalId(String id) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, id, maxPendingAppends, appendTimeout,
                operationTimeout, startupTimeout, recentKeys, clientProperties);
    }

    public KafkaLogSpec withMaxPendingAppends(int max) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, transactionalId, max, appendTimeout,
                operationTimeout, startupTimeout, recentKeys, clientProperties);
    }

    public KafkaLogSpec withAppendTimeout(Duration timeout) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, transactionalId, maxPendingAppends, timeout,
                operationTimeout, startupTimeout, recentKeys, clientProperties);
    }

    /** The same timeout for appends, operations and startup (tests, and deployments that want one number). */
    public KafkaLogSpec withTimeouts(Duration timeout) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, transactionalId, maxPendingAppends, timeout,
                timeout, timeout, recentKeys, clientProperties);
    }

    public KafkaLogSpec withRecentKeys(int count) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, transactionalId, maxPendingAppends,
                appendTimeout, operationTimeout, startupTimeout, count, clientProperties);
    }

    public KafkaLogSpec withClientProperties(Map<String, String> properties) {
        return new KafkaLogSpec(bootstrapServers, topic, partitions, groupId, transactionalId, maxPendingAppends,
                appendTimeout, operationTimeout, startupTimeout, recentKeys, properties);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void requireText(String name, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing: " + example);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
