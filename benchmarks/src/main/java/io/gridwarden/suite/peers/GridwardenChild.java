package io.gridwarden.suite.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * gridwarden as a user starts it ({@code ./gridwarden run --no-simulator}: the launch script's heap and collector),
 * as a child process on free loopback ports with a fresh data directory.
 */
public final class GridwardenChild implements AutoCloseable {

    /** The collector settings gridwarden is run with: those of {@code scripts/java-options}, which says why. */
    static final List<String> GC_OPTIONS = List.of("-XX:+UseParallelGC", "-XX:NewRatio=1", "-XX:SurvivorRatio=6", "-XX:-UseAdaptiveSizePolicy");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** The run option that starts ingest alone (no jobs, no alerting, so no operations port). */
    public static final String INGEST_ONLY = "--ingest-only";
    private static final String MAX_LAG_EVENTS = "--max-lag-events";

    public final int ingestPort;
    public final int mqttPort;
    public final int opsPort;
    private final ChildProcess process;
    private final Path dataDir;

    private GridwardenChild(int ingestPort, int mqttPort, int opsPort, ChildProcess process, Path dataDir) {
        this.ingestPort = ingestPort;
        this.mqttPort = mqttPort;
        this.opsPort = opsPort;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** Starts it and waits until its three ports listen; {@code commandGateway} may be null; {@code extraArgs} go to {@code run}. */
    public static GridwardenChild start(Path jar, Path workDir, String commandGateway, String heap, List<String> extraArgs)
            throws IOException, InterruptedException {
        return start(jar, workDir, commandGateway, heap, extraArgs, List.of());
    }

    /** As above, the java command run through {@code wrapper} (e.g. {@code prlimit --nofile=N:N --}, which keeps the pid). */
    public static GridwardenChild start(Path jar, Path workDir, String commandGateway, String heap, List<String> extraArgs, List<String> wrapper)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first (mvn -B -DskipTests package -pl launcher -am)");
        }
        int ingest = ChildProcess.freePort();
        int mqtt = ChildProcess.freePort();
        int ops = ChildProcess.freePort();
        Path dataDir = Files.createTempDirectory(workDir, "gridwarden-data");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(ChildProcess.java(), "-Xms" + heap, "-Xmx" + heap));
        command.addAll(GC_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(), "run", "--no-simulator",
                "--data-dir", dataDir.toString(), "--host", "127.0.0.1", "--ingest-port", "" + ingest, "--mqtt-port", "" + mqtt,
                "--ops-port", "" + ops));
        if (commandGateway != null) {
            command.addAll(List.of("--command-gateway", commandGateway));
        }
        command.addAll(extraArgs);
        ChildProcess child = ChildProcess.start("gridwarden", command, workDir.resolve("gridwarden.log"));
        try {
            child.awaitPort(ingest, READY_TIMEOUT).awaitPort(mqtt, READY_TIMEOUT);
            if (!extraArgs.contains(INGEST_ONLY)) {
                child.awaitPort(ops, READY_TIMEOUT);
            }
        } catch (RuntimeException | InterruptedException e) {
            child.close();
            throw e;
        }
        return new GridwardenChild(ingest, mqtt, ops, child, dataDir);
    }

    /**
     * The run options of ingest alone: {@code runArgs}, {@link #INGEST_ONLY}, and no bound on lag unless
     * {@code runArgs} sets one. Nothing consumes the log of ingest alone, so every event sent counts as lag; the
     * default bound of 5 million would refuse the later, faster rates of a ramp (HTTP 503, MQTT quota exceeded)
     * for a reason that says nothing about ingest.
     */
    public static List<String> ingestAloneArgs(List<String> runArgs) {
        List<String> args = new ArrayList<>(runArgs);
        args.add(INGEST_ONLY);
        if (runArgs.stream().noneMatch(arg -> arg.startsWith(MAX_LAG_EVENTS))) { // given twice, `run` would refuse to start
            args.add(MAX_LAG_EVENTS + "=" + Long.MAX_VALUE);
        }
        return List.copyOf(args);
    }

    /** The child JVM's process id. */
    public long pid() {
        return process.pid();
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    public String opsUrl() {
        return "http://127.0.0.1:" + opsPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
        ScratchDirectory.delete(dataDir);
    }
}
