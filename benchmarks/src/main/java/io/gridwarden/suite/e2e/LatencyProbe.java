package io.gridwarden.suite.e2e;

import io.gridwarden.common.event.DetectedObject;
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
 * The end-to-end probe against a running gridwarden, embedded or a deployment: a probe camera reports a
 * new car about once a second, at random instants ({@link ProbeTimes}), whose first sighting is back-dated so
 * that its dwell ends {@link #LEAD} from then, and keeps showing it in a frame a second until its warning
 * arrives; meanwhile the other cameras send at a background rate, their batches spread over every ingest
 * instance. The probe sends to the first. Voice warnings reach the caller's {@code CommandInbox}, which hands
 * them to the same {@link Sightings}.
 */
public final class LatencyProbe {

    static final Duration LEAD = Duration.ofSeconds(1);
    static final Duration SETTLE = Duration.ofSeconds(15);
    /** The probe camera reports its waiting cars at least this often (its detector's frame rate, as it were). */
    static final Duration FRAME_INTERVAL = Duration.ofSeconds(1);
    private static final String OPERATOR_TOKEN = "demo-admin";

    /** Where gridwarden listens: its ingest instances' base URLs and one operations API (alerting). */
    public record Target(List<String> ingestUrls, String opsUrl) {}

    /**
     * What to probe: the probe camera and its zone's dwell, the cameras the background load comes from, each
     * background rate for {@code duration}, after {@code prime} of unmeasured probes (zero: none). Each background
     * rate runs {@code warmup} before its probes count, as every system of the suite is primed: the first half
     * minute of a new load (the JIT compiling its paths in gridwarden and in the generator, on the same cores) held
     * six of the ten slowest of 300 probes at 50,000 events/s, and is not the rate's steady tail.
     */
    public record Plan(String probeCamera, Duration dwell, List<String> cameras, List<Integer> backgroundRates, Duration duration,
            Duration prime, Duration warmup, int batchSize, int maxInFlight) {}

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
                Future<?> load = rate <= 0 ? null : background.submit(() -> backgroundLoad(target, plan, rate));
                if (load != null && !plan.warmup().isZero()) {
                    probe.run("warmup-" + rate, plan.warmup());
                }
                List<String> tracks = probe.run(Integer.toString(rate), plan.duration());
                if (load != null) {
                    load.get();
                }
                out.add(sightings.figures(rate, tracks));
                System.err.printf("  e2e at %,d ev/s background: %s%n", rate, out.get(out.size() - 1));
            }
        } finally {
            background.shutdownNow();
        }
        return out;
    }

    private static Object backgroundLoad(Target target, Plan plan, int rate) throws InterruptedException {
        List<URI> events = target.ingestUrls().stream().map(url -> URI.create(url + "/v1/events")).toList();
        Duration length = plan.warmup().plus(plan.duration()).plus(BACKGROUND_MARGIN);
        var settings = new OpenLoopLoad.Settings(events, rate, plan.batchSize(), length, Duration.ZERO, plan.maxInFlight(), plan.cameras());
        return new OpenLoopLoad().run(settings, p -> { });
    }

    /** The probe camera: a frame at each new car and at least once a second, listing every probe car still waiting for its warning. */
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
         * Starts a probe car about once a second for {@code duration}, at instants spread at random over it
         * ({@link ProbeTimes}), then waits for the last ones; returns the cars started ({@code label} names them).
         * The camera sends a frame showing every car still waiting at each start and about once a second, never
         * just before a start ({@link ProbeTimes}).
         */
        List<String> run(String label, Duration duration) throws Exception {
            long begin = System.currentTimeMillis();
            long[] startAt = ProbeTimes.spread(ProbeTimes.count(duration.toMillis()), duration.toMillis(), random);
            List<String> started = new ArrayList<>();
            List<String> waiting = new ArrayList<>();
            long stopAll = begin + duration.toMillis() + SETTLE.toMillis();
            long lastFrame = begin - FRAME_INTERVAL.toMillis(); // a frame at once (unless a start is near), then one a second
            int nextStart = 0;
            while (System.currentTimeMillis() < stopAll && (nextStart < startAt.length || !waiting.isEmpty())) {
                long now = System.currentTimeMillis();
                boolean startedOne = false;
                for (; nextStart < startAt.length && begin + startAt[nextStart] <= now; nextStart++) {
                    String track = "probe-" + label + "-" + (next++);
                    long dueAt = now + LEAD.toMillis();
                    sightings.due(track, dueAt);
                    send(events.frame(camera, Instant.ofEpochMilli(dueAt - dwell.toMillis()), List.of(DemoEvents.car(track))));
                    started.add(track);
                    waiting.add(track);
                    startedOne = true;
                }
                waiting.removeIf(sightings::warned);
                long nextStartAt = nextStart < startAt.length ? begin + startAt[nextStart] : Long.MAX_VALUE;
                if (startedOne || (now - lastFrame >= FRAME_INTERVAL.toMillis() && clearOf(nextStartAt, now))) {
                    List<DetectedObject> seen = waiting.stream().map(DemoEvents::car).toList();
                    send(events.frame(camera, Instant.ofEpochMilli(now), seen));
                    lastFrame = now;
                }
                long nextFrame = lastFrame + FRAME_INTERVAL.toMillis();
                long wake = clearOf(nextStartAt, nextFrame) ? nextFrame : nextStartAt; // else the start sends the frame
                Thread.sleep(Math.max(0, wake - System.currentTimeMillis()));
            }
            return started;
        }

        /** Whether a frame at {@code frameAt} leaves the next start, at {@code startAt}, its dead time ({@link ProbeTimes}). */
        private static boolean clearOf(long startAt, long frameAt) {
            return startAt - frameAt >= ProbeTimes.MIN_GAP_MILLIS;
        }

        private void send(DeviceEvent event) throws Exception {
            DeviceClient.Reply reply = client.send(DeviceClient.demoToken(camera), List.of(event));
            if (reply.status() != 202) {
                System.err.println("  probe frame refused: " + reply.status() + " " + reply.body());
            }
        }
    }
}
