package io.gridwarden.suite.connections;

import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.loadgen.CityTown;
import io.gridwarden.suite.connections.HeldConnections.Result;
import io.gridwarden.suite.connections.HeldConnections.Server;
import io.gridwarden.suite.peers.GridwardenChild;
import io.gridwarden.suite.peers.MosquittoPeer;
import io.gridwarden.suite.peers.NoopMqttServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadgen mqtt-connections}: many devices holding MQTT connections with persistent sessions, each
 * publishing a frame every few seconds and subscribed to its commands, against gridwarden (ingest alone,
 * as a child JVM, on a generated city with one camera per device) and against Mosquitto; memory per
 * connection and PUBACK latency for each.
 */
@Command(name = "mqtt-connections", mixinStandardHelpOptions = true,
        description = "Hold --connections MQTT 5 connections (persistent sessions, one device each, a QoS 1 frame every --publish-every,"
                + " subscribed to their commands) against gridwarden and Mosquitto; report connections held, PUBACK latency and memory per connection.")
public final class ConnectionsCommand implements Callable<Integer> {

    @Option(names = "--connections", defaultValue = "2000", description = "Devices, each its own connection. Default: ${DEFAULT-VALUE}")
    int connections;
    @Option(names = "--connects-per-second", defaultValue = "1000", description = "Ramp: new connections a second. Default: ${DEFAULT-VALUE}")
    int connectsPerSecond;
    @Option(names = "--publish-every", defaultValue = "PT5S", description = "Each device publishes a frame this often. Default: 5 s")
    Duration publishEvery;
    @Option(names = "--warmup", defaultValue = "PT5S", description = "Publishing before the measured window. Default: 5 s")
    Duration warmup;
    @Option(names = "--duration", defaultValue = "PT30S", description = "Measured publishing window. Default: 30 s")
    Duration duration;
    @Option(names = "--session-expiry", defaultValue = "PT1H", description = "Session Expiry Interval each device asks for. Default: 1 h")
    Duration sessionExpiry;
    @Option(names = "--source-addresses", defaultValue = "0",
            description = "Loopback source addresses (127.0.0.1 …) to spread connections over; 0: one per 25,000. Default: ${DEFAULT-VALUE}")
    int sourceAddresses;
    @Option(names = "--systems", split = ",", defaultValue = "gridwarden,mosquitto", description = "Servers to measure. Default: ${DEFAULT-VALUE}")
    List<String> systems;
    @Option(names = "--jar", defaultValue = "launcher/target/gridwarden.jar", description = "gridwarden's launcher jar. Default: ${DEFAULT-VALUE}")
    Path jar;
    @Option(names = "--gridwarden-heap", defaultValue = "1g", description = "gridwarden child's heap (-Xms and -Xmx; its collector is scripts/java-options'). Default: ${DEFAULT-VALUE}")
    String heap;
    @Option(names = "--gridwarden-arg", description = "An extra option for `gridwarden run` (repeatable).")
    List<String> gridwardenArgs = new ArrayList<>();
    @Option(names = "--whole-pipeline", description = "Run gridwarden's whole pipeline (`run --no-simulator`) rather than ingest alone.")
    boolean wholePipeline;
    @Option(names = "--parked-every", defaultValue = "0",
            description = "With --whole-pipeline: every n-th device (the first among them) shows a car parked in its parking zone, whose rule"
                    + " is 60 s dwell and 30 s grace, so gridwarden warns it by voice over MQTT (commands received); run for more than"
                    + " the dwell. 0: none. Default: ${DEFAULT-VALUE}")
    int parkedEvery;
    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "mosquitto binary. Default: ${DEFAULT-VALUE}")
    Path mosquitto;
    @Option(names = "--work-dir", description = "Where the city, data and logs go. Default: a new temp directory")
    Path workDir;
    @Option(names = "--prime", defaultValue = "1000",
            description = "Devices first connected to a no-op MQTT server in this JVM and dropped, to warm the client's JIT. Default: ${DEFAULT-VALUE}")
    int prime;
    @Option(names = "--server-open-files", defaultValue = "0",
            description = "Start gridwarden under this open-files limit (prlimit), and lower Mosquitto's to it once it runs, to see at a small scale what"
                    + " each does at the limit;"
                    + " 0: leave it as inherited. Default: ${DEFAULT-VALUE}")
    int serverOpenFiles;
    @Option(names = "--out", description = "Write the results as JSON to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("gridwarden-mqtt-connections");
        Path city = work.resolve("city.yaml");
        if (parkedEvery < 0 || parkedEvery > 0 && !wholePipeline) {
            throw new IllegalArgumentException("--parked-every takes n ≥ 1 with --whole-pipeline (only the whole pipeline warns), or 0");
        }
        CityTown town = parkedEvery > 0 ? new CityTown().withShortParkingRules(parkedEvery) : new CityTown();
        List<String> devices = town.write(new CityTown.Size(connections, 0, 1, 1), city).cameras().stream().map(TownFile.Camera::id).toList();
        Set<String> parked = IntStream.range(0, devices.size()).filter(c -> parkedEvery > 0 && town.hasShortParkingRule(c))
                .mapToObj(devices::get).collect(Collectors.toSet());
        var held = new HeldConnections(new HeldConnections.Settings(devices, connectsPerSecond, sourceAddresses, publishEvery, warmup, duration,
                sessionExpiry, parked));
        warnAboutOpenFiles();
        prime(held, devices);
        List<Result> results = new ArrayList<>();
        for (String system : systems) {
            Result result = switch (system) {
                case "gridwarden" -> gridwarden(held, work, city);
                case "mosquitto" -> mosquitto(held, work);
                default -> throw new IllegalArgumentException("unknown system " + system + "; give gridwarden and/or mosquitto");
            };
            if (result != null) {
                System.err.println(ConnectionsSummary.line(result));
                results.add(result);
            }
        }
        String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results);
        System.out.println(json);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json);
        }
        System.err.println("work directory (city, logs): " + work);
        return 0;
    }

    /**
     * Connects the first {@code --prime} devices to a no-op server in this JVM, publishes for a few seconds and drops them:
     * otherwise the first system measured pays for the client's cold JIT (a ramp three times as slow as the second's).
     */
    private void prime(HeldConnections held, List<String> devices) throws Exception {
        if (prime <= 0) {
            return;
        }
        var priming = new HeldConnections(held.settings().withDevices(devices.subList(0, Math.min(prime, devices.size()))));
        try (NoopMqttServer noop = NoopMqttServer.start()) {
            priming.connectAndPublish(new Server("priming", ProcessHandle.current().pid(), true, "127.0.0.1", noop.port()));
        }
    }

    private Result gridwarden(HeldConnections held, Path work, Path city) throws Exception {
        List<String> args = new ArrayList<>(List.of("--town", city.toString()));
        args.addAll(wholePipeline ? gridwardenArgs : GridwardenChild.ingestAloneArgs(gridwardenArgs));
        // started under the limit, not lowered later: ingest sizes its MQTT connection cap from the limit it starts with
        List<String> wrapper = serverOpenFiles > 0 ? List.of("prlimit", "--nofile=" + serverOpenFiles + ":" + serverOpenFiles, "--") : List.of();
        try (GridwardenChild child = GridwardenChild.start(jar, work, null, heap, args, wrapper)) {
            return held.measure(new Server("gridwarden", child.pid(), true, "127.0.0.1", child.mqttPort));
        }
    }

    private Result mosquitto(HeldConnections held, Path work) throws Exception {
        if (!Files.isExecutable(mosquitto)) {
            System.err.println("mosquitto skipped: " + mosquitto + " not found (apt-get install -y mosquitto)");
            return null;
        }
        try (MosquittoPeer peer = MosquittoPeer.start(mosquitto, work)) {
            return held.measure(limited(new Server("mosquitto", peer.pid(), false, "127.0.0.1", peer.port)));
        }
    }

    /** The server, its open-files limit lowered to {@code --server-open-files} if given (lowering a running process's needs no privilege). */
    private Server limited(Server server) throws Exception {
        if (serverOpenFiles > 0) {
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(server.pid()), "--nofile=" + serverOpenFiles + ":" + serverOpenFiles)
                    .inheritIO().start();
            if (prlimit.waitFor() != 0) {
                throw new IllegalStateException("prlimit could not lower the open-files limit of " + server.system() + " (pid " + server.pid() + ")");
            }
        }
        return server;
    }

    /** Each connection is a socket on both sides: a limit below the count caps what any server here can hold. */
    private void warnAboutOpenFiles() {
        long limit = ProcessMemory.openFilesLimit(ProcessHandle.current().pid());
        if (limit < connections + 1_000L) {
            System.err.printf("note: this process may open %,d files (ulimit -n; children inherit it) and %,d connections are asked for:"
                    + " each side holds a socket per connection, so at most about %,d can be held. Raise the hard limit (ulimit -Hn,"
                    + " LimitNOFILE, or the container's nofile) to hold more.%n", limit, connections, limit - 1_000);
        }
    }
}
