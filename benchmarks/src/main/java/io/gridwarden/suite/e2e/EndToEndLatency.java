package io.gridwarden.suite.e2e;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.town.Town;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.loadgen.OpenLoopLoad;
import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.suite.peers.GridwardenChild;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Time from "the violation is due" to the action and to the device, with gridwarden as a child
 * process and the load generator sending at a background rate from the other cameras.
 *
 * <p>A probe camera (the town's first: the demo's cam-0001 or a city's cam-00001, 60 s dwell) reports a new car every second whose first sighting is
 * back-dated so that its dwell ends {@link #LEAD} from now, and keeps showing it in a frame a second
 * until its warning arrives. The design floor: the watermark trails the log clock by
 * {@code maxDeviceDelay} (250 ms by default), so no violation can fire sooner than that after it is due.
 */
public final class EndToEndLatency {

    static final Duration LEAD = Duration.ofSeconds(1);
    static final Duration SETTLE = Duration.ofSeconds(15);
    private static final String OPERATOR_TOKEN = "demo-admin";

    public static List<LatencyFigures> run(SuiteSettings s) throws Exception {
        Map<String, Long> dueByTrack = new ConcurrentHashMap<>();
        Map<String, String> trackByViolation = new ConcurrentHashMap<>();
        Map<String, Long> warnedAt = new ConcurrentHashMap<>();
        Map<String, Long> commandAt = new ConcurrentHashMap<>();
        List<LatencyFigures> out = new ArrayList<>();
        Duration dwell = Town.load(s.town()).zoneRules(s.probeCamera()).get(0).dwell();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (var inbox = new CommandInbox(0, (device, command) -> {
                if (Command.VOICE_WARNING.equals(command.type())) {
                    commandAt.putIfAbsent(command.violation(), System.currentTimeMillis());
                }
            });
             var gridwarden = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("e2e")), inbox.baseUrl(),
                     s.gridwardenHeap(), s.gridwardenArgs());
             var alerts = new AlertStream(gridwarden.opsUrl(), OPERATOR_TOKEN, alert -> {
                 String track = alert.violation().path("track").asText();
                 trackByViolation.put(alert.violation().path("id").asText(), track);
                 if (alert.event().equals("violation.warned")) {
                     warnedAt.putIfAbsent(track, alert.arrivedMillis());
                 }
             })) {
            var probe = new Probe(new DeviceClient(gridwarden.ingestUrl()), s.probeCamera(), dwell);
            if (!s.prime().isZero()) { // a fresh JVM's first violations wait for the JIT: one of them was a 1.3 s outlier in 30
                List<String> primed = probe.run("prime", s.prime(), dueByTrack, warnedAt);
                System.err.printf("  e2e primed for %s: %s%n", s.prime(), figures(0, primed, dueByTrack, trackByViolation, warnedAt, commandAt));
            }
            for (int rate : s.e2eBackgroundRates()) {
                Future<?> load = rate <= 0 ? null : background.submit(() -> backgroundLoad(gridwarden, s, rate));
                List<String> tracks = probe.run(Integer.toString(rate), s.e2eDuration(), dueByTrack, warnedAt);
                if (load != null) {
                    load.get();
                }
                out.add(figures(rate, tracks, dueByTrack, trackByViolation, warnedAt, commandAt));
                System.err.printf("  e2e at %,d ev/s background: %s%n", rate, out.get(out.size() - 1));
            }
        } finally {
            background.shutdownNow();
        }
        return out;
    }

    private static Object backgroundLoad(GridwardenChild gridwarden, SuiteSettings s, int rate) throws InterruptedException {
        var settings = new OpenLoopLoad.Settings(URI.create(gridwarden.ingestUrl() + "/v1/events"), rate, s.batchSize(),
                s.e2eDuration(), Duration.ZERO, s.maxInFlight(), s.cameras());
        return new OpenLoopLoad().run(settings, p -> { });
    }

    static LatencyFigures figures(int rate, List<String> tracks, Map<String, Long> due, Map<String, String> trackByViolation,
            Map<String, Long> warnedAt, Map<String, Long> commandAt) {
        Map<String, Long> commandByTrack = new ConcurrentHashMap<>();
        commandAt.forEach((violation, at) -> {
            String track = trackByViolation.get(violation);
            if (track != null) {
                commandByTrack.put(track, at);
            }
        });
        List<Long> toLog = new ArrayList<>();
        List<Long> toDevice = new ArrayList<>();
        int missed = 0;
        for (String track : tracks) {
            Long warned = warnedAt.get(track);
            Long command = commandByTrack.get(track);
            if (warned == null && command == null) {
                missed++;
            }
            if (warned != null) {
                toLog.add(warned - due.get(track));
            }
            if (command != null) {
                toDevice.add(command - due.get(track));
            }
        }
        return new LatencyFigures(rate, tracks.size(), missed, LatencyFigures.Percentiles.of(toLog), LatencyFigures.Percentiles.of(toDevice));
    }

    /** The probe camera: one frame a second listing every probe car still waiting for its warning. */
    private static final class Probe {
        private final DeviceClient client;
        private final String camera;
        private final Duration dwell;
        private final DemoEvents events = new DemoEvents("e2e-" + Long.toString(System.currentTimeMillis(), 36));
        private int next;

        Probe(DeviceClient client, String camera, Duration dwell) {
            this.client = client;
            this.camera = camera;
            this.dwell = dwell;
        }

        /** Starts a probe car a second for {@code duration}, then waits for the last ones; returns the cars started ({@code label} names them). */
        List<String> run(String label, Duration duration, Map<String, Long> due, Map<String, Long> warnedAt) throws Exception {
            List<String> started = new ArrayList<>();
            List<String> waiting = new ArrayList<>();
            long stopStarting = System.currentTimeMillis() + duration.toMillis();
            long stopAll = stopStarting + SETTLE.toMillis();
            while (System.currentTimeMillis() < stopAll && (System.currentTimeMillis() < stopStarting || !waiting.isEmpty())) {
                long now = System.currentTimeMillis();
                if (now < stopStarting) {
                    String track = "probe-" + label + "-" + (next++);
                    long dueAt = now + LEAD.toMillis();
                    due.put(track, dueAt);
                    send(events.frame(camera, Instant.ofEpochMilli(dueAt - dwell.toMillis()), List.of(DemoEvents.car(track))));
                    started.add(track);
                    waiting.add(track);
                }
                waiting.removeIf(warnedAt::containsKey);
                List<DetectedObject> seen = waiting.stream().map(DemoEvents::car).toList();
                send(events.frame(camera, Instant.ofEpochMilli(now), seen));
                Thread.sleep(Math.max(0, now + 1000 - System.currentTimeMillis()));
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
