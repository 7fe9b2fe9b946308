package io.gridwarden.suite;

import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.loadgen.LoadResult;
import io.gridwarden.loadgen.OpenLoopLoad;
import io.gridwarden.suite.log.KafkaBroker;
import io.gridwarden.suite.peers.GridwardenChild;
import io.gridwarden.suite.peers.KafkaIngestServer;
import io.gridwarden.suite.peers.NginxPeer;
import io.gridwarden.suite.peers.NoopIngestServer;
import io.gridwarden.suite.report.RatePoint;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP ingest against its ceilings, all driven by the same open-loop generator ({@link OpenLoopLoad})
 * with the same batches: gridwarden's durable {@code POST /v1/events} (a child process running the whole
 * pipeline, and another running ingest alone, {@code --ingest-only}, to tell the edge from the jobs), a no-op
 * Vert.x endpoint that only parses, nginx answering 202, and the durable design most teams would write
 * instead: a Vert.x endpoint producing to Kafka with {@code acks=all}, the broker fsyncing every append.
 *
 * <p>Ingest alone ramps interleaved with the peers first; the whole pipeline's child starts only after it
 * has stopped, for a ramp of its own. Side by side, ingest alone's points right after the whole pipeline's
 * overloaded ones missed (p99 140 against 84 ms at 100,000 events/s), the machine quiet or not.
 */
public final class HttpComparison {

    public static final String GRIDWARDEN = "gridwarden HTTP (durable)";
    public static final String INGEST_ONLY = "gridwarden HTTP, ingest alone (durable)";
    public static final String NOOP = "Vert.x no-op (parse only)";
    public static final String NGINX = "nginx return 202";
    public static final String KAFKA = "Vert.x → Kafka acks=all (durable)";
    /** Partitions of the durable peer's topic: as many as the suite's Kafka log comparison uses. */
    private static final int KAFKA_PARTITIONS = 4;

    public static InterleavedRamp.Outcome run(SuiteSettings s) throws Exception {
        try (var noop = s.ramps(SuiteSettings.NOOP) ? NoopIngestServer.start() : null;
             var nginx = s.ramps(SuiteSettings.NGINX) ? nginx(s) : null;
             var broker = s.ramps(SuiteSettings.KAFKA)
                     ? KafkaBroker.start(Files.createDirectories(s.workDir().resolve("http-kafka")), KAFKA_PARTITIONS, true) : null;
             var kafka = broker != null ? KafkaIngestServer.start(broker.bootstrap(), KAFKA_PARTITIONS) : null) {
            List<InterleavedRamp.Target> peers = new ArrayList<>();
            if (noop != null) {
                peers.add(target(NOOP, noop.baseUrl(), s, noop));
            }
            if (kafka != null) {
                peers.add(target(KAFKA, kafka.baseUrl(), s, kafka));
            }
            if (nginx != null) {
                peers.add(target(NGINX, nginx.baseUrl(), s, nginx));
            }
            InterleavedRamp.Outcome alone;
            try (var ingestAlone = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("http-ingest")), null,
                    s.gridwardenHeap(), GridwardenChild.ingestAloneArgs(s.gridwardenArgs()))) {
                List<InterleavedRamp.Target> targets = new ArrayList<>();
                targets.add(target(INGEST_ONLY, ingestAlone.ingestUrl(), s, ingestAlone));
                targets.addAll(peers);
                alone = InterleavedRamp.run(targets, s.httpRates(), s.rounds(), s.p99BoundMillis(), InterleavedRamp.Timing.of(s));
            }
            try (var gridwarden = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("http")), null,
                    s.gridwardenHeap(), s.gridwardenArgs())) {
                return alone.plus(InterleavedRamp.run(List.of(target(GRIDWARDEN, gridwarden.ingestUrl(), s, gridwarden)), s.httpRates(),
                        s.rounds(), s.p99BoundMillis(), InterleavedRamp.Timing.of(s)));
            }
        }
    }

    private static NginxPeer nginx(SuiteSettings s) throws Exception {
        if (Files.isExecutable(s.nginx())) {
            return NginxPeer.start(s.nginx(), s.workDir());
        }
        System.err.println("nginx not found at " + s.nginx() + ": skipped (apt-get install -y nginx-light)");
        return null;
    }

    private static InterleavedRamp.Target target(String name, String baseUrl, SuiteSettings s, AutoCloseable system) {
        return InterleavedRamp.Target.of(name, (rate, warmup, duration) -> point(name, new OpenLoopLoad().run(
                new OpenLoopLoad.Settings(URI.create(baseUrl + "/v1/events"), rate, s.batchSize(), duration, warmup, s.maxInFlight(),
                        s.cameras()), p -> { })), system);
    }

    static RatePoint point(String system, LoadResult r) {
        Map<String, Long> failures = new TreeMap<>(r.responsesByStatus());
        failures.remove("202");
        return RatePoint.of(system, r.targetEventsPerSecond(), r.ackedEventsPerSecond(), r.p50Millis(), r.p99Millis(), r.p999Millis(),
                failures, r.p99BySecondMillis());
    }
}
