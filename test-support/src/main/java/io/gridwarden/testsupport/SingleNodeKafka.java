package io.gridwarden.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka in KRaft mode (broker and controller in one JVM) on loopback and random ports,
 * started as a child JVM from the test classpath the way {@code kafka-storage.sh format} and
 * {@code kafka-server-start.sh} do. {@link #kill} and {@link #restart} stop and start the broker on its data.
 */
public final class SingleNodeKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m");

    private final int port;
    private final Path properties;
    private final Path log;
    private ChildJvm broker;

    private SingleNodeKafka(int port, Path properties, Path log) {
        this.port = port;
        this.properties = properties;
        this.log = log;
    }

    public static SingleNodeKafka start(Path workDir) throws Exception {
        int port = ChildJvm.freePort();
        int controllerPort = ChildJvm.freePort();
        Path dir = Files.createDirectories(workDir.resolve("kafka"));
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(port, controllerPort, dir.resolve("data")));
        SingleNodeKafka kafka = new SingleNodeKafka(port, properties, workDir.resolve("kafka.log"));
        try (ChildJvm format = ChildJvm.start("kafka storage format", kafka.log, JVM_OPTIONS, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", properties.toString(),
                        "--ignore-formatted"))) {
            if (format.awaitExit(START_TIMEOUT) != 0) {
                throw new IllegalStateException("formatting Kafka's data directory failed\n" + format.tail(40));
            }
        }
        kafka.restart();
        return kafka;
    }

    private static String serverProperties(int port, int controllerPort, Path dataDir) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=2
                """.formatted(port, controllerPort, dataDir);
    }

    /** Starts the broker (again, after {@link #kill}) on the same ports and data. */
    public void restart() throws InterruptedException {
        broker = ChildJvm.start("kafka broker", log, JVM_OPTIONS, "kafka.Kafka", List.of(properties.toString()));
        try {
            broker.awaitPort(port, START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
    }

    /** Kills the broker as {@code kill -9} does. */
    public void kill() throws InterruptedException {
        broker.kill();
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Creates a topic on the one broker (replication factor 1). */
    public void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                    .all().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The last {@code lines} lines of the broker's output. */
    public String tail(int lines) {
        return broker.tail(lines);
    }

    @Override
    public void close() throws InterruptedException {
        broker.close();
    }
}
