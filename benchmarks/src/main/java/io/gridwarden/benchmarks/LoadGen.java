package io.gridwarden.benchmarks;

import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.loadgen.CityTown;
import io.gridwarden.loadgen.LoadResult;
import io.gridwarden.loadgen.OpenLoopLoad;
import io.gridwarden.loadgen.Overload;
import io.gridwarden.simulator.DemoTownSimulator;
import io.gridwarden.suite.SuiteCommand;
import io.gridwarden.suite.mqtt.MqttLoad;
import io.gridwarden.suite.report.RatePoint;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loadgen}: drives a running gridwarden from outside, as a town's devices would. */
@Command(name = "loadgen", mixinStandardHelpOptions = true, subcommands = {LoadGen.Load.class, LoadGen.Ramp.class, LoadGen.OverloadRun.class, LoadGen.Simulate.class, LoadGen.City.class, LoadGen.SlowStream.class, SuiteCommand.class,
        io.gridwarden.suite.log.LogSoak.SoakCommand.class, io.gridwarden.suite.connections.ConnectionsCommand.class,
        io.gridwarden.suite.e2e.EndToEndCommand.class},
        description = "Load generator and device simulator for gridwarden.")
public final class LoadGen {

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }

    /** Options every load run shares. */
    static final class Target {
        @Option(names = "--target", defaultValue = "http://127.0.0.1:8080", description = "Ingest base URL; several, comma-separated (ingest instances): HTTP batches take turns. Default: ${DEFAULT-VALUE}")
        String target;
        @Option(names = "--town", defaultValue = Town.DEMO, description = "Town file whose cameras send (tokens demo-<id>). Default: the demo town")
        String town;
        @Option(names = "--batch", defaultValue = "100", description = "Events per request. Default: ${DEFAULT-VALUE}")
        int batch;
        @Option(names = "--duration", defaultValue = "PT30S", description = "Measured time per rate (ISO-8601). Default: 30 s")
        Duration duration;
        @Option(names = "--warmup", defaultValue = "PT5S", description = "Unmeasured time before it. Default: 5 s")
        Duration warmup;
        @Option(names = "--max-in-flight", defaultValue = "256", description = "Requests in flight at most. Default: ${DEFAULT-VALUE}")
        int maxInFlight;
        @Option(names = "--out", description = "Write the results as JSON to this file.")
        Path out;

        OpenLoopLoad.Settings at(int rate) {
            List<String> cameras = Town.load(town).cameras().stream().map(TownFile.Camera::id).toList();
            List<URI> events = targets().stream().map(url -> URI.create(url + "/v1/events")).toList();
            return new OpenLoopLoad.Settings(events, rate, batch, duration, warmup, maxInFlight, cameras);
        }

        private List<String> targets() {
            return List.of(target.split(","));
        }

        RatePoint overMqtt(int port, int sessions, int rate) throws InterruptedException {
            List<String> cameras = Town.load(town).cameras().stream().map(TownFile.Camera::id).toList();
            String host = URI.create(targets().get(0)).getHost();
            return new MqttLoad().run(new MqttLoad.Settings("gridwarden MQTT", host, port, rate, batch, warmup, duration, maxInFlight,
                    MqttLoad.sessions(cameras, sessions)));
        }

        void write(Object results) throws Exception {
            String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results);
            System.out.println(json);
            if (out != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, json);
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true, description = "Send at one fixed rate and report ack latency.")
    static final class Load implements Callable<Integer> {
        @Mixin
        Target target;
        @Option(names = "--rate", defaultValue = "10000", description = "Events per second. Default: ${DEFAULT-VALUE}")
        int rate;

        @Option(names = "--mqtt-port", description = "Publish over MQTT (QoS 1, one session per camera) to this port"
                + " on the --target host instead of POSTing over HTTP.")
        Integer mqttPort;
        @Option(names = "--mqtt-sessions", defaultValue = "500", description = "With --mqtt-port: the first N cameras publish, each"
                + " its own session, so each sends rate / N events a second; the town's camera count for the shape of the HTTP"
                + " load, which spreads over every camera. Default: ${DEFAULT-VALUE}")
        int mqttSessions;

        @Override
        public Integer call() throws Exception {
            if (mqttPort != null) {
                target.write(target.overMqtt(mqttPort, mqttSessions, rate));
            } else {
                target.write(new OpenLoopLoad().run(target.at(rate), ProgressBar.to(System.err)));
            }
            return 0;
        }
    }

    @Command(name = "ramp", mixinStandardHelpOptions = true,
            description = "Raise the rate step by step; report the highest rate held with p99 ack latency under the bound.")
    static final class Ramp implements Callable<Integer> {
        @Mixin
        Target target;
        @Option(names = "--from", defaultValue = "10000", description = "First rate, events/s. Default: ${DEFAULT-VALUE}")
        int from;
        @Option(names = "--step", defaultValue = "10000", description = "Increase per step, events/s. Default: ${DEFAULT-VALUE}")
        int step;
        @Option(names = "--to", defaultValue = "300000", description = "Highest rate tried. Default: ${DEFAULT-VALUE}")
        int to;
        @Option(names = "--p99-bound-ms", defaultValue = "100", description = "p99 ack latency a rate must stay under. Default: ${DEFAULT-VALUE}")
        double bound;

        /** The ramp's outcome: each step, and the highest rate that held. */
        record RampResult(double p99BoundMillis, Integer highestHeldEventsPerSecond, List<LoadResult> steps) {}

        @Override
        public Integer call() throws Exception {
            List<LoadResult> steps = new ArrayList<>();
            Integer held = null;
            for (int rate = from; rate <= to; rate += step) {
                LoadResult result = new OpenLoopLoad().run(target.at(rate), ProgressBar.to(System.err));
                steps.add(result);
                if (!result.held(bound)) {
                    break;
                }
                held = rate;
            }
            target.write(new RampResult(bound, held, steps));
            return 0;
        }
    }

    @Command(name = "overload", mixinStandardHelpOptions = true,
            description = "Send far more than gridwarden holds (e.g. 10x for 5 minutes), sampling its resident memory every second;"
                    + " then measure how soon after it ingest answers normally again (10 batches in a row: 202 within 100 ms).")
    static final class OverloadRun implements Callable<Integer> {
        @Mixin
        Target target;
        @Option(names = "--rate", required = true, description = "Events per second to offer, e.g. ten times the rate held.")
        int rate;
        @Option(names = "--pid", required = true, description = "The gridwarden process's id, whose resident memory is sampled.")
        long pid;

        @Override
        public Integer call() throws Exception {
            OpenLoopLoad.Settings settings = target.at(rate);
            target.write(new Overload().run(settings, pid, settings.devices().get(0)));
            return 0;
        }
    }

    @Command(name = "slow-stream", mixinStandardHelpOptions = true,
            description = "An operator's alert stream on a poor link: alerting in this JVM over a fresh action log, violation updates"
                    + " appended at --rate; one client with a --window-byte receive buffer reads as fast as it can, --stalled more never read."
                    + " Prints the events a second the slow client got and the heap the stalled clients cost.")
    static final class SlowStream implements Callable<Integer> {
        @Option(names = "--rate", defaultValue = "10000", description = "Violation updates appended a second. Default: ${DEFAULT-VALUE}")
        int rate;
        @Option(names = "--window", defaultValue = "4096", description = "The slow client's socket receive buffer, bytes. Default: ${DEFAULT-VALUE}")
        int window;
        @Option(names = "--duration", defaultValue = "PT20S", description = "Measured time. Default: 20 s")
        Duration duration;
        @Option(names = "--stalled", defaultValue = "50", description = "Clients that connect and never read. Default: ${DEFAULT-VALUE}")
        int stalled;
        @Option(names = "--rtt", defaultValue = "PT0S", description = "Round-trip time of an emulated link (a relay holding --window bytes in flight);"
                + " zero: the client's own socket buffer is the window, on loopback. Default: 0")
        Duration rtt;
        @Option(names = "--gzip", description = "The client asks for a gzip-encoded stream (as browsers do).")
        boolean gzip;
        @Option(names = "--out", description = "Write the result as JSON to this file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("gridwarden-slow-stream");
            var result = new io.gridwarden.suite.sse.SlowLinkStream(dir, rate, window, duration, stalled, rtt, gzip).run();
            String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
            System.out.println(json);
            if (out != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, json);
            }
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Play a town's devices against a running gridwarden (what `gridwarden run` starts by itself).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--target", defaultValue = "http://127.0.0.1:8080", description = "Ingest base URL. Default: ${DEFAULT-VALUE}")
        String target;
        @Option(names = "--town", defaultValue = Town.DEMO, description = "Town file whose devices play (tokens demo-<id>). Default: the demo town")
        String town;
        @Option(names = "--command-port", defaultValue = "8070", description = "Port for the commands gridwarden sends. Default: ${DEFAULT-VALUE}")
        int commandPort;

        @Override
        public Integer call() throws Exception {
            try (var simulator = new DemoTownSimulator(Town.load(town), target, commandPort)) {
                simulator.start();
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }

    @Command(name = "city", mixinStandardHelpOptions = true,
            description = "Write a city-sized town file (the demo town's rules over as many districts as the cameras need) "
                    + "for `gridwarden run --town` and `loadgen load|ramp|simulate --town`.")
    static final class City implements Callable<Integer> {
        @Option(names = "--cameras", defaultValue = "10000", description = "Cameras in all. Default: ${DEFAULT-VALUE}")
        int cameras;
        @Option(names = "--sensors-per-district", defaultValue = "4", description = "River sensors per district. Default: ${DEFAULT-VALUE}")
        int sensors;
        @Option(names = "--officers-per-district", defaultValue = "40", description = "Officers per district (one in eight for the water bureau). Default: ${DEFAULT-VALUE}")
        int officers;
        @Option(names = "--seed", defaultValue = "1", description = "Same seed, same city. Default: ${DEFAULT-VALUE}")
        long seed;
        @Option(names = "--out", required = true, description = "The town file to write (YAML).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Town city = new CityTown().write(new CityTown.Size(cameras, sensors, officers, seed), out);
            System.out.printf("%s: %,d cameras, %,d sensors, %,d officers in %,d districts%n", out, city.cameras().size(),
                    city.sensors().size(), city.officers().size(), city.jurisdictions().size());
            return 0;
        }
    }

    /** A one-line progress bar on a terminal stream. */
    static final class ProgressBar {
        static java.util.function.Consumer<OpenLoopLoad.Progress> to(PrintStream out) {
            return p -> {
                int width = 30;
                int done = (int) (width * Math.min(1.0, (double) p.elapsedSeconds() / Math.max(1, p.totalSeconds())));
                String p99 = p.p99Millis() == null ? "no answer" : String.format("%.1f ms", p.p99Millis());
                out.printf("\r[%s%s] %3d/%ds  batches acked %,d  p99 %s   ", "=".repeat(done), " ".repeat(width - done),
                        p.elapsedSeconds(), p.totalSeconds(), p.acked(), p99);
                if (p.elapsedSeconds() >= p.totalSeconds()) {
                    out.println();
                }
            };
        }
    }
}
