package io.gridwarden.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * The cluster's {@code config.yaml} and {@code log4j.properties}: what an operator would set for the
 * enforcement job (README "On a Flink cluster"), sized for a two-core test machine. Heartbeats every
 * second: a task manager that is gone (kill -9) refuses the heartbeat calls and is declared lost after two,
 * not after Flink's default 50 s, so the job restarts from its checkpoint on the slots that remain or return.
 * RPC calls get 30 s instead of Flink's 10 s: on a machine shared with many tests, an answer can take that long.
 */
public final class FlinkSessionConfig {

    public static final int SLOTS = 2;

    /**
     * bin/taskmanager.sh derives these from the memory settings below (and passes the settings fully
     * resolved, as here): heap = framework + task heap, direct = framework off-heap + task off-heap + network.
     */
    public static final List<String> TASK_MANAGER_JVM = List.of("-Xms384m", "-Xmx384m", "-XX:MaxDirectMemorySize=192m",
            "-XX:MaxMetaspaceSize=256m");

    public static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = console
            appender.console.type = Console
            appender.console.name = console
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            """;

    private FlinkSessionConfig() {}

    public static String configYaml(int restPort, int rpcPort, Path checkpointDir, Path tmpDir) {
        return configYaml(restPort, rpcPort, checkpointDir, tmpDir, SLOTS);
    }

    /** As {@link #configYaml(int, int, Path, Path)}, with a task manager of {@code slots} slots (and as many cores). */
    public static String configYaml(int restPort, int rpcPort, Path checkpointDir, Path tmpDir, int slots) {
        return """
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %1$d
                jobmanager.bind-host: 127.0.0.1
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %2$d
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.numberOfTaskSlots: %3$d
                parallelism.default: %3$d
                io.tmp.dirs: %5$s
                taskmanager.cpu.cores: %3$d
                taskmanager.memory.framework.heap.size: 128m
                taskmanager.memory.task.heap.size: 256m
                taskmanager.memory.framework.off-heap.size: 128m
                taskmanager.memory.task.off-heap.size: 0m
                taskmanager.memory.network.min: 64m
                taskmanager.memory.network.max: 64m
                taskmanager.memory.managed.size: 64m
                taskmanager.memory.jvm-metaspace.size: 256m
                taskmanager.memory.jvm-overhead.min: 192m
                taskmanager.memory.jvm-overhead.max: 192m
                state.backend.type: rocksdb
                execution.checkpointing.interval: 2s
                execution.checkpointing.dir: %4$s
                execution.checkpointing.incremental: true
                restart-strategy.type: fixed-delay
                restart-strategy.fixed-delay.attempts: 20
                restart-strategy.fixed-delay.delay: 1s
                heartbeat.interval: 1000
                heartbeat.timeout: 30000
                pekko.ask.timeout: 30 s
                pipeline.generic-types: false
                """.formatted(rpcPort, restPort, slots, checkpointDir.toUri(), tmpDir);
    }
}
