package io.gridwarden.suite.e2e;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.loadgen.OpenLoopLoad;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The end-to-end probe against a running gridwarden, embedded or a deployment: a car arrives at the probe
 * camera about once a second, at random instants ({@link ProbeTimes}), and stays in its frames until its warning
 * arrives ({@link ProbeCars}), so each falls due a dwell after it arrived; meanwhile the other cameras send at a
 * background rate, their batches spread over every ingest instance. The probe sends to the first. Voice warnings
 * reach the caller's {@code CommandInbox}, which hands them to the same {@link Sightings}.
 */
public final class LatencyProbe {

    static final Duration SETTLE = Duration.ofSeconds(15);
    private static final String OPERATOR_TOKEN = "demo-admin";

    /** Where gridwarden listens: its ingest instances' base URLs and one operations API (alerting). */
    public record Target(List<String> ingestUrls, String opsUrl) {}

    /**
     * What to probe: the probe camera and its zone's dwell, the cameras the background load comes from, each
     * background rate for {@code duration} (cars arriving over it, falling due a dwell later), after {@code prime}
     * of unmeasured probes (zero: none). Each background rate runs at least {@code warmup} before its first car
     * falls due, as every system of the suite is primed: the first half minute of a new load (the JIT compiling its
     * paths in gridwarden and in the generator, on the same cores) held six of the ten slowest of 300 probes at
     * 50,000 events/s, and is not the rate's steady tail. The cars' dwell counts towards it: they arrive from the
     * moment the background load starts.
     */
    public record Plan(String probeCamera, Duration dwell, List<String> cameras, List<Integer> backgroundRates, Duration duration,
            Duration prime, Duration warmup, int batchSize, int maxInFlight) {

        /** How long a background rate runs before its first car falls due: the warm-up or the dwell, whichever is longer. */
        Duration lead() {
            return warmup.compareTo(dwell) > 0 ? warmup : dwell;
        }
    }

    /** How much longer than its probes a background load runs: the last probes of a run still wait for their warnings. */
    private static final Duration BACKGROUND_MARGIN = Duration.ofSeconds(2);

    private LatencyProbe() {}

    /** Probes at each background rate in turn; returns a figure per rate. */
    public static List<LatencyFigures> run(Target target, Plan plan, Sightings sightings) throws Exception {
        List<LatencyFigures> out = new ArrayList<>();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (var alerts = new AlertStream(target.opsUrl(), OPERATOR_TOKEN, sightings::onAlert)) {
            var probe = new Probe(new DeviceClient(target.ingestUrls().get(0)), plan.probeCamera(), plan.dwell(), sightings);
            if (!plan.prime().isZero()) { // a fresh JVM's first violations wait for the JIT: one of them was a 1.3 s outlier in 30
                List<String> primed = probe.run("prime", plan.prime());
                System.err.printf("  e2e primed for %s: %s%n", plan.prime(), sightings.figures(0, primed));
            }
            for (int rate : plan.backgroundRates()) {
                Future<LatencyFigures.Background> load = rate <= 0 ? null : background.submit(() -> backgroundLoad(target, plan, rate));
                if (load != null) {
                    Thread.sleep(plan.lead().minus(plan.dwell()).toMillis()); // the cars' dwell is the rest of it
                }
                List<String> tracks = probe.run(Integer.toString(rate), plan.duration());
                LatencyFigures.Background answered = load == null ? null : load.get(); // its margin lets the last warnings in
                LatencyFigures figures = sightings.figures(rate, tracks);
                out.add(answered == null ? figures : figures.with(answered));
                System.err.printf("  e2e at %,d ev/s background: %s%n", rate, out.get(out.size() - 1));
            }
        } finally {
            background.shutdownNow();
        }
        return out;
    }

    private static LatencyFigures.Background backgroundLoad(Target target, Plan plan, int rate) throws InterruptedException {
        List<URI> events = target.ingestUrls().stream().map(url -> URI.create(url + "/v1/events")).toList();
        Duration length = plan.lead().plus(plan.duration()).plus(BACKGROUND_MARGIN);
        var settings = new OpenLoopLoad.Settings(events, rate, plan.batchSize(), length, Duration.ZERO, plan.maxInFlight(), plan.cameras());
        Instant started = Instant.now(); // no warm-up: its seconds count from here
        return LatencyFigures.Background.of(started, new OpenLoopLoad().run(settings, p -> { }));
    }

    /** The probe camera: a frame at each new car and about once a second ({@link ProbeCars}), showing the cars still waiting for their warnings. */
    private static final class Probe {
        private final DeviceClient client;
        private final String camera;
        private final Duration dwell;
        private final Sightings sightings;
        private final DemoEvents events = new DemoEvents("e2e-" + Long.toString(System.currentTimeMillis(), 36));
        private final SplittableRandom random = new SplittableRandom();
        private int next;

        Probe(DeviceClient client, String camera, Duration dwell, Sightings sightings) {
            this.client = client;
            this.camera = camera;
            this.dwell = dwell;
            this.sightings = sightings;
        }

        /**
         * Brings a car about once a second for {@code duration}, at instants spread at random over it
         * ({@link ProbeTimes}), then waits for the last ones' warnings (a dwell, then {@link #SETTLE}); returns the
         * cars started ({@code label} names them).
         */
        List<String> run(String label, Duration duration) throws Exception {
            long begin = System.currentTimeMillis();
            long[] arriveAt = ProbeTimes.spread(ProbeTimes.count(duration.toMillis()), duration.toMillis(), random);
            ProbeCars cars = new ProbeCars(dwell);
            List<String> started = new ArrayList<>();
            long stopAll = begin + duration.toMillis() + dwell.toMillis() + SETTLE.toMillis();
            long lastFrame = Long.MIN_VALUE / 2;
            int nextArrival = 0;
            while (System.currentTimeMillis() < stopAll && (nextArrival < arriveAt.length || !cars.isEmpty())) {
                long now = System.currentTimeMillis();
                boolean arrived = false;
                for (; nextArrival < arriveAt.length && begin + arriveAt[nextArrival] <= now; nextArrival++) {
                    String track = "probe-" + label + "-" + (next++);
                    sightings.due(track, cars.arrive(track, now));
                    started.add(track);
                    arrived = true;
                }
                cars.leave(sightings::warned);
                if (arrived || now >= cars.nextFrameAt(lastFrame)) {
                    send(events.frame(camera, Instant.ofEpochMilli(now), cars.frame(now).stream().map(DemoEvents::car).toList()));
                    lastFrame = now;
                }
                long nextArrivalAt = nextArrival < arriveAt.length ? begin + arriveAt[nextArrival] : Long.MAX_VALUE;
                Thread.sleep(Math.max(0, Math.min(nextArrivalAt, cars.nextFrameAt(lastFrame)) - System.currentTimeMillis()));
            }
            return started;
        }

        private void send(DeviceEvent event) throws Exception {
            DeviceClient.Reply reply = client.send(DeviceClient.demoToken(camera), List.of(event));
            if (reply.status() != 202) {
                System.err.println("  probe frame refused: " + reply.status() + " " + reply.body());
            }
        }
    }
}
