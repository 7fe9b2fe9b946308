package io.gridwarden.suite.e2e;

import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.simulator.CommandInbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadgen e2e}: the suite's end-to-end probe ({@link LatencyProbe}) against a gridwarden that is already
 * running, embedded ({@code gridwarden run}) or the scale-out deployment ({@code scripts/cluster-up.sh}). Its
 * alerting must send the probe camera's commands to {@code --command-port} on this machine
 * ({@code --command-gateway http://127.0.0.1:<port>}).
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "Time from a violation being due to violation.warned on the operations stream and to the voice warning at the"
                + " device, against a running gridwarden, at each background rate; prints (and --out writes) JSON.")
public final class EndToEndCommand implements Callable<Integer> {

    @Option(names = "--ingest", split = ",", required = true,
            description = "Ingest base URL(s), repeatable or comma-separated: the background load takes turns, the probe uses the first.")
    List<String> ingest;
    @Option(names = "--ops", required = true, description = "An alerting instance's operations API base URL (its alert stream, token demo-admin).")
    String ops;
    @Option(names = "--command-port", defaultValue = "8070",
            description = "Port of the command inbox this run opens on 127.0.0.1, where alerting sends the probe camera's commands. Default: ${DEFAULT-VALUE}")
    int commandPort;
    @Option(names = "--town", defaultValue = Town.DEMO, description = "The town gridwarden runs (tokens demo-<id>); its first camera probes. Default: the demo town")
    String town;
    @Option(names = "--rates", split = ",", defaultValue = "0,5000", description = "Background events/s, one probe run each. Default: ${DEFAULT-VALUE}")
    List<Integer> rates;
    @Option(names = "--duration", defaultValue = "PT60S", description = "Probing time per background rate (ISO-8601). Default: 60 s")
    Duration duration;
    @Option(names = "--prime", defaultValue = "PT30S", description = "Unmeasured probing first (a fresh JVM's JIT); PT0S: none. Default: 30 s")
    Duration prime;
    @Option(names = "--warmup", defaultValue = "PT30S",
            description = "Background load before each rate's probes count (ISO-8601): the JIT compiles the paths a new load takes. Default: 30 s")
    Duration warmup;
    @Option(names = "--batch", defaultValue = "100", description = "Background events per request. Default: ${DEFAULT-VALUE}")
    int batch;
    @Option(names = "--max-in-flight", defaultValue = "256", description = "Background requests in flight at most. Default: ${DEFAULT-VALUE}")
    int maxInFlight;
    @Option(names = "--out", description = "Write the results as JSON to this file.")
    Path out;

    /** What was asked and what came back, as written. */
    record Result(List<String> ingest, String ops, String probeCamera, String duration, String prime, List<LatencyFigures> figures) {}

    @Override
    public Integer call() throws Exception {
        Town loaded = Town.load(town);
        String probeCamera = loaded.cameras().get(0).id();
        List<String> cameras = loaded.cameras().stream().skip(1).map(TownFile.Camera::id).toList();
        var plan = new LatencyProbe.Plan(probeCamera, loaded.zoneRules(probeCamera).get(0).dwell(), cameras, rates, duration, prime, warmup, batch,
                maxInFlight);
        Sightings sightings = new Sightings();
        List<LatencyFigures> figures;
        try (var inbox = new CommandInbox(commandPort, sightings::onCommand)) {
            figures = LatencyProbe.run(new LatencyProbe.Target(ingest, ops), plan, sightings);
        }
        String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                new Result(ingest, ops, probeCamera, duration.toString(), prime.toString(), figures));
        System.out.println(json);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json);
        }
        return figures.stream().allMatch(f -> f.samples() > f.missed()) ? 0 : 1;
    }
}
