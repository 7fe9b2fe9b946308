package io.gridwarden.log.kafka;

import static io.gridwarden.log.kafka.KafkaLogException.Reason.BROKER_UNAVAILABLE;
import static io.gridwarden.log.kafka.KafkaLogException.Reason.BROKER_UNREACHABLE;
import static io.gridwarden.log.kafka.KafkaLogException.Reason.PARTITION_COUNT_MISMATCH;
import static io.gridwarden.log.kafka.KafkaLogException.Reason.TOPIC_MISSING;
import static io.gridwarden.log.kafka.KafkaLogException.Reason.WRONG_TIMESTAMP_TYPE;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What {@link KafkaRecordLog#open} checks before it writes anything, so that a misconfiguration stops
 * the service at startup with a message that says what to change: a broker answers at the bootstrap
 * servers, the topic exists, it has the spec's partition count, and it stamps the broker's time.
 */
final class TopicCheck {

    static final String LOG_APPEND_TIME = "LogAppendTime";

    private final Admin admin;
    private final KafkaLogSpec spec;
    private final long deadlineNanos;

    private TopicCheck(Admin admin, KafkaLogSpec spec) {
        this.admin = admin;
        this.spec = spec;
        this.deadlineNanos = System.nanoTime() + spec.startupTimeout().toNanos();
    }

    /** Throws a {@link KafkaLogException} naming the first misconfiguration found. */
    static void verify(Admin admin, KafkaLogSpec spec) {
        TopicCheck check = new TopicCheck(admin, spec);
        check.brokerAnswers();
        TopicDescription topic = check.topic();
        check.partitionCount(topic);
        check.timestampType();
    }

    static KafkaLogException unreachable(KafkaLogSpec spec, Throwable cause) {
        return new KafkaLogException(BROKER_UNREACHABLE, "no Kafka broker answered at " + spec.bootstrapServers() + " within "
                + readable(spec.startupTimeout()) + " (for topic " + spec.topic() + "): check the bootstrap servers,"
                + " that the brokers are running, and that this host can reach them", cause);
    }

    private void brokerAnswers() {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) remainingMillis());
        await(admin.describeCluster(options).nodes(), true);
    }

    private TopicDescription topic() {
        try {
            return await(admin.describeTopics(List.of(spec.topic())).allTopicNames(), false).get(spec.topic());
        } catch (KafkaLogException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new KafkaLogException(TOPIC_MISSING, "Kafka topic " + spec.topic() + " does not exist at "
                        + spec.bootstrapServers() + " (the log never creates it). Create it, e.g.: kafka-topics.sh"
                        + " --bootstrap-server " + spec.bootstrapServers() + " --create --topic " + spec.topic()
                        + " --partitions " + spec.partitions() + " --replication-factor 3 --config "
                        + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + LOG_APPEND_TIME, e.getCause());
            }
            throw e;
        }
    }

    private void partitionCount(TopicDescription topic) {
        int actual = topic.partitions().size();
        if (actual != spec.partitions()) {
            throw new KafkaLogException(PARTITION_COUNT_MISMATCH, "Kafka topic " + spec.topic() + " has " + actual
                    + " partitions but the log is configured for " + spec.partitions() + ": configure " + actual
                    + " (a key's partition depends on the count, so it must be the topic's), or use a topic created with "
                    + spec.partitions());
        }
    }

    private void timestampType() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.topic());
        Config config = await(admin.describeConfigs(List.of(resource)).all(), false).get(resource);
        ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (type == null || !LOG_APPEND_TIME.equals(type.value())) {
            throw new KafkaLogException(WRONG_TIMESTAMP_TYPE, "Kafka topic " + spec.topic() + " has "
                    + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + (type == null ? "(unknown)" : type.value())
                    + ", but a record's time must be the broker's (monotonic per partition). Change it: kafka-configs.sh"
                    + " --bootstrap-server " + spec.bootstrapServers() + " --alter --entity-type topics --entity-name "
                    + spec.topic() + " --add-config " + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + LOG_APPEND_TIME);
        }
    }

    /** The future's value by the deadline; a timeout is an unreachable broker, any other failure wraps its cause. */
    private <T> T await(KafkaFuture<T> future, boolean timeoutMeansUnreachable) {
        try {
            return future.get(remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaLogException(BROKER_UNAVAILABLE, "interrupted while checking Kafka topic " + spec.topic(), e);
        } catch (TimeoutException e) {
            throw timedOut(e, timeoutMeansUnreachable);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw timedOut(e.getCause(), timeoutMeansUnreachable);
            }
            throw new KafkaLogException(BROKER_UNAVAILABLE, "cannot check Kafka topic " + spec.topic() + " at "
                    + spec.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private KafkaLogException timedOut(Throwable cause, boolean unreachable) {
        return unreachable ? unreachable(spec, cause)
                : new KafkaLogException(BROKER_UNAVAILABLE, "Kafka at " + spec.bootstrapServers() + " did not describe topic "
                        + spec.topic() + " within " + readable(spec.startupTimeout()), cause);
    }

    static String readable(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private long remainingMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
