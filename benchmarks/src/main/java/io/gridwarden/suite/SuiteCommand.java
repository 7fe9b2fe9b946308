package io.gridwarden.suite;

import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.loadgen.CityTown;
import io.gridwarden.suite.e2e.EndToEndLatency;
import io.gridwarden.suite.e2e.LatencyFigures;
import io.gridwarden.suite.log.ClosedLoopAppends;
import io.gridwarden.suite.report.Comparisons;
import io.gridwarden.suite.report.Machine;
import io.gridwarden.suite.report.RatePoint;
import io.gridwarden.suite.report.ReportWriter;
import io.gridwarden.suite.report.Results;
import io.gridwarden.suite.report.Row;
import io.gridwarden.suite.rules.RuleComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loadgen suite}: every comparison, briefly, then {@code summary.md}, {@code results.json} and
 * charts in {@code benchmarks/results/<date>/}. The defaults are the lead's full run on a quiet
 * machine; {@code --quick} is a smoke run of a few minutes.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Run the whole comparison suite (HTTP, MQTT, durable log, rules, end to end) and write the summary.")
public final class SuiteCommand implements Callable<Integer> {

    static final List<String> PARTS = List.of("http", "mqtt", "log", "rules", "e2e");
    static final String NO_PEERS = "none";

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Smoke run: one round, 2 s points, fewer rates (a few minutes in all).")
    boolean quick;
    @Option(names = "--parts", split = ",", description = "Which comparisons: http, mqtt, log, rules, e2e. Default: all")
    List<String> parts = PARTS;
    @Option(names = "--peers", split = ",", description = "Which peers the HTTP and MQTT parts ramp beside gridwarden: noop, nginx,"
            + " kafka (HTTP), mosquitto (MQTT); none for gridwarden alone. Default: all")
    List<String> peers = SuiteSettings.PEERS;
    @Option(names = "--jar", defaultValue = "launcher/target/gridwarden.jar", description = "gridwarden's launcher jar. Default: ${DEFAULT-VALUE}")
    Path jar;
    @Option(names = "--results", defaultValue = "benchmarks/results", description = "Results root; a dated directory goes under it. Default: ${DEFAULT-VALUE}")
    Path results;
    @Option(names = "--work-dir", description = "Where peers and gridwarden keep their data and logs. Default: a new temp directory")
    Path workDir;
    @Option(names = "--duration", description = "Measured time per point (ISO-8601). Default: PT20S, quick PT2S")
    Duration duration;
    @Option(names = "--prime", description = "Unmeasured load each system gets once, first (JIT of a fresh JVM). Default: PT30S, quick PT10S")
    Duration prime;
    @Option(names = "--warmup", description = "Unmeasured time before each point. Default: PT5S, quick PT1S")
    Duration warmup;
    @Option(names = "--rounds", description = "Interleaved rounds per point. Default: 3, quick 1")
    Integer rounds;
    @Option(names = "--http-rates", split = ",", description = "Offered events/s. Default: 5000,10000,15000,20000,25000,50000,100000; quick 5000,10000,20000")
    List<Integer> httpRates;
    @Option(names = "--mqtt-rates", split = ",", description = "Offered events/s. Default: 5000,10000,15000,20000,25000,50000; quick 5000,10000,20000")
    List<Integer> mqttRates;
    @Option(names = "--appenders", split = ",", description = "Concurrent appenders for the log comparison. Default: 1,8,32; quick 8")
    List<Integer> appenders;
    @Option(names = "--e2e-rates", split = ",", description = "Background events/s for end-to-end latency. Default: 0,5000,15000; quick 0,5000")
    List<Integer> e2eRates;
    @Option(names = "--e2e-duration", description = "Probing time per background rate. Default: PT60S, quick PT12S")
    Duration e2eDuration;
    @Option(names = "--rule-seconds", description = "Event-time seconds of the generated rule stream (all cameras). Default: 3600, quick 900")
    Integer ruleSeconds;
    @Option(names = "--batch", defaultValue = "100", description = "Events per batch everywhere. Default: ${DEFAULT-VALUE}")
    int batch;
    @Option(names = "--p99-bound-ms", defaultValue = "100", description = "p99 a rate must stay under to count as held. Default: ${DEFAULT-VALUE}")
    double bound;
    @Option(names = "--max-in-flight", defaultValue = "256", description = "Batches in flight at most, per load generator. Default: ${DEFAULT-VALUE}")
    int maxInFlight;
    @Option(names = "--city", defaultValue = "0", description = "Play a generated city of this many cameras (loadgen city) instead of the"
            + " demo town's 133, so each camera sends a city's few frames a second rather than hundreds. Default: 0 (the demo town)")
    int city;
    @Option(names = "--mqtt-sessions", defaultValue = "500", description = "MQTT sessions the MQTT load publishes from, one per camera"
            + " (the first N): with --city, the city's camera count gives MQTT the HTTP load's shape (a few frames a second per"
            + " camera) at the cost of the load generator's own work. Default: ${DEFAULT-VALUE}")
    int mqttSessions;
    @Option(names = "--gridwarden-heap", defaultValue = "1g", description = "gridwarden child's heap (-Xms and -Xmx; its collector is scripts/java-options'). Default: ${DEFAULT-VALUE}")
    String heap;
    @Option(names = "--gridwarden-arg", description = "An extra option for `gridwarden run`, repeatable,"
            + " e.g. --gridwarden-arg=--device-rate=1000000 to lift the per-device rate limit when measuring the ceiling.")
    List<String> gridwardenArgs = List.of();
    @Option(names = "--nginx", defaultValue = "/usr/sbin/nginx", description = "nginx binary. Default: ${DEFAULT-VALUE}")
    Path nginx;
    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "mosquitto binary. Default: ${DEFAULT-VALUE}")
    Path mosquitto;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        SuiteSettings s = settings();
        MqttComparison.sessions(s); // a bad --mqtt-sessions is refused before an hour of other parts, not after
        List<String> problems = new ArrayList<>();
        InterleavedRamp.Outcome http = part(s, "http", problems, () -> HttpComparison.run(s), new InterleavedRamp.Outcome(List.of(), List.of()));
        InterleavedRamp.Outcome mqtt = part(s, "mqtt", problems, () -> MqttComparison.run(s), new InterleavedRamp.Outcome(List.of(), List.of()));
        List<ClosedLoopAppends.Figures> log = part(s, "log", problems, () -> LogComparison.run(s), List.of());
        List<RuleComparison.Figures> rules = part(s, "rules", problems, () -> RuleComparison.run(Town.demo(), s.ruleStreamSeconds(), s.rounds()), List.of());
        List<LatencyFigures> e2e = part(s, "e2e", problems, () -> EndToEndLatency.run(s), List.of());

        List<Row> rows = new ArrayList<>();
        rows.addAll(Comparisons.rates("HTTP", http.medians(), HttpComparison.GRIDWARDEN,
                List.of(HttpComparison.NOOP, HttpComparison.NGINX, HttpComparison.KAFKA), bound));
        rows.addAll(Comparisons.rates("HTTP, ingest alone", http.medians(), HttpComparison.INGEST_ONLY,
                List.of(HttpComparison.NOOP, HttpComparison.KAFKA), bound));
        rows.addAll(Comparisons.rates("MQTT", mqtt.medians(), MqttComparison.GRIDWARDEN, List.of(MqttComparison.NOOP, MqttComparison.MOSQUITTO), bound));
        rows.addAll(Comparisons.rates("MQTT, ingest alone", mqtt.medians(), MqttComparison.INGEST_ONLY,
                List.of(MqttComparison.NOOP, MqttComparison.MOSQUITTO), bound));
        rows.addAll(Comparisons.log(log, LogComparison.ROCKS, LogComparison.KAFKA));
        rows.addAll(Comparisons.rules(rules));
        rows.addAll(Comparisons.endToEnd(e2e));
        String date = LocalDate.now().toString();
        var out = new Results(date, Machine.here(s.workDir()), describe(s), bound, http.medians(), http.rounds(), mqtt.medians(), mqtt.rounds(),
                log, rules, e2e, rows, problems);
        Path dir = s.resultsDir().resolve(date);
        ReportWriter.write(out, dir);
        System.out.println(Files.readString(dir.resolve("summary.md")));
        System.err.println("Written to " + dir.toAbsolutePath() + " (peers' logs in " + s.workDir() + ")");
        return problems.isEmpty() ? 0 : 1;
    }

    /** A step that may fail without losing the others: its failure is reported in the summary. */
    interface Part<T> {
        T run() throws Exception;
    }

    private static <T> T part(SuiteSettings s, String name, List<String> problems, Part<T> part, T none) {
        if (!s.runs(name)) {
            return none;
        }
        System.err.println("== " + name);
        try {
            return part.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            problems.add(name + " failed: " + e);
            return none;
        }
    }

    SuiteSettings settings() throws Exception {
        List<String> chosenPeers = peers.equals(List.of(NO_PEERS)) ? List.of() : peers;
        refuseUnknown("--parts", parts, PARTS, "");
        refuseUnknown("--peers", chosenPeers, SuiteSettings.PEERS, ", or " + NO_PEERS + " alone");
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("gridwarden-bench");
        String townLocation = Town.DEMO;
        List<String> args = new ArrayList<>(gridwardenArgs == null ? List.of() : gridwardenArgs);
        if (city > 0) {
            Path file = work.resolve("city-" + city + ".yaml");
            new CityTown().write(new CityTown.Size(city, 4, 40, 1), file);
            townLocation = file.toString();
            args.addAll(List.of("--town", townLocation));
        }
        Town town = Town.load(townLocation);
        // the town's first camera is the end-to-end probe (the demo's cam-0001, a city's cam-00001); the others carry the load
        List<String> cameras = town.cameras().stream().skip(1).map(TownFile.Camera::id).toList();
        return new SuiteSettings(jar, work, results, heap, args, nginx, mosquitto, parts, chosenPeers,
                or(httpRates, quick ? List.of(5000, 10000, 20000) : List.of(5000, 10000, 15000, 20000, 25000, 50000, 100000)),
                or(mqttRates, quick ? List.of(5000, 10000, 20000) : List.of(5000, 10000, 15000, 20000, 25000, 50000)),
                batch, or(prime, quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30)), or(warmup, quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5)), or(duration, quick ? Duration.ofSeconds(2) : Duration.ofSeconds(20)),
                or(rounds, quick ? 1 : 3), bound, maxInFlight, or(appenders, quick ? List.of(8) : List.of(1, 8, 32)),
                or(ruleSeconds, quick ? 900 : 3600), or(e2eRates, quick ? List.of(0, 5000) : List.of(0, 5000, 15000)),
                or(e2eDuration, quick ? Duration.ofSeconds(12) : Duration.ofSeconds(60)), townLocation, town.cameras().get(0).id(), cameras, mqttSessions);
    }

    /** A misspelt part or peer would otherwise be left out silently, to be noticed an hour later in the summary. */
    private void refuseUnknown(String option, List<String> given, List<String> known, String orElse) {
        List<String> unknown = given.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + ": unknown " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", known) + orElse);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Map<String, Object> describe(SuiteSettings s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", quick ? "quick" : "full");
        d.put("prime", s.prime().toString());
        d.put("warmup", s.warmup().toString());
        d.put("duration", s.duration().toString());
        d.put("rounds", s.rounds());
        d.put("batch", s.batchSize());
        d.put("httpRates", s.httpRates());
        d.put("mqttRates", s.mqttRates());
        d.put("appenders", s.appenders());
        d.put("ruleStreamSeconds", s.ruleStreamSeconds());
        d.put("e2eBackgroundRates", s.e2eBackgroundRates());
        d.put("e2eDuration", s.e2eDuration().toString());
        d.put("p99BoundMillis", s.p99BoundMillis());
        d.put("town", city > 0 ? "generated city of " + city + " cameras" : "demo town");
        d.put("devices", s.cameras().size());
        d.put("mqttSessions", MqttComparison.sessions(s).size());
        d.put("peers", s.peers());
        d.put("gridwardenArgs", s.gridwardenArgs());
        return d;
    }
}
