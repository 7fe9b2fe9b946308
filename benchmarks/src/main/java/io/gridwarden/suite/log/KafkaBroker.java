package io.gridwarden.suite.log;

import io.gridwarden.suite.peers.ChildProcess;
import io.gridwarden.suite.peers.ScratchDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka (KRaft: broker and controller in one JVM) started as a child JVM from
 * this process's classpath. {@code log.flush.interval.messages=1} makes it fsync every append, as
 * gridwarden's log does before it acknowledges; Kafka's default leaves flushing to the OS page cache.
 */
public final class KafkaBroker implements AutoCloseable {

    public final int port;
    private final ChildProcess process;
    private final Path logs;

    private KafkaBroker(int port, ChildProcess process, Path logs) {
        this.port = port;
        this.process = process;
        this.logs = logs;
    }

    public static KafkaBroker start(Path workDir, int partitions, boolean fsyncEveryAppend) throws IOException, InterruptedException {
        int port = ChildProcess.freePort();
        int controllerPort = ChildProcess.freePort();
        Path dir = Files.createDirectories(workDir.resolve("kafka"));
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(port, controllerPort, dir.resolve("logs"), partitions, fsyncEveryAppend));
        String classpath = System.getProperty("java.class.path");
        Process format = new ProcessBuilder(ChildProcess.java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", properties.toString(), "--ignore-formatted")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("kafka.log").toFile())).start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka's log directory failed; see " + workDir.resolve("kafka.log"));
        }
        ChildProcess broker = ChildProcess.start("kafka", List.of(ChildProcess.java(), "-Xmx512m", "-cp", classpath, "kafka.Kafka",
                properties.toString()), workDir.resolve("kafka.log"));
        return new KafkaBroker(port, broker.awaitPort(port, Duration.ofSeconds(120)), dir.resolve("logs"));
    }

    static String serverProperties(int port, int controllerPort, Path logDirs, int partitions, boolean fsyncEveryAppend) {
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
                num.partitions=%4$d
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=4
                %5$s
                """.formatted(port, controllerPort, logDirs, partitions, fsyncEveryAppend ? "log.flush.interval.messages=1" : "");
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
        ScratchDirectory.delete(logs);
    }
}
