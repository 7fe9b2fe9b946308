package io.gridwarden.suite;

import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.suite.mqtt.MqttLoad;
import io.gridwarden.suite.peers.GridwardenChild;
import io.gridwarden.suite.peers.MosquittoPeer;
import io.gridwarden.suite.peers.NoopMqttServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT QoS 1 ingest against its ceilings, all driven by the same client ({@link MqttLoad}) with the same
 * payloads: gridwarden's (PUBACK once fsynced; a child process running the whole pipeline, and another running
 * ingest alone, {@code --ingest-only}, to tell the edge from the jobs), a no-op Vert.x MQTT server that only
 * parses, and Mosquitto. Ingest alone ramps with the peers first, the whole pipeline after it on its own, as
 * in {@link HttpComparison}.
 */
public final class MqttComparison {

    public static final String GRIDWARDEN = "gridwarden MQTT (durable)";
    public static final String INGEST_ONLY = "gridwarden MQTT, ingest alone (durable)";
    public static final String NOOP = "Vert.x MQTT no-op (parse only)";
    public static final String MOSQUITTO = "Mosquitto (persistence on)";

    public static InterleavedRamp.Outcome run(SuiteSettings s) throws Exception {
        try (var noop = NoopMqttServer.start();
             var mosquitto = Files.isExecutable(s.mosquitto()) ? MosquittoPeer.start(s.mosquitto(), s.workDir()) : null) {
            List<InterleavedRamp.Target> peers = new ArrayList<>();
            peers.add(target(NOOP, noop.port(), s, noop));
            if (mosquitto != null) {
                peers.add(target(MOSQUITTO, mosquitto.port, s, mosquitto));
            } else {
                System.err.println("mosquitto not found at " + s.mosquitto() + ": skipped (apt-get install -y mosquitto)");
            }
            InterleavedRamp.Outcome alone;
            try (var ingestAlone = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("mqtt-ingest")), null,
                    s.gridwardenHeap(), GridwardenChild.ingestAloneArgs(s.gridwardenArgs()))) {
                List<InterleavedRamp.Target> targets = new ArrayList<>();
                targets.add(target(INGEST_ONLY, ingestAlone.mqttPort, s, ingestAlone));
                targets.addAll(peers);
                alone = InterleavedRamp.run(targets, s.mqttRates(), s.rounds(), s.p99BoundMillis(), InterleavedRamp.Timing.of(s));
            }
            try (var gridwarden = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("mqtt")), null,
                    s.gridwardenHeap(), s.gridwardenArgs())) {
                return alone.plus(InterleavedRamp.run(List.of(target(GRIDWARDEN, gridwarden.mqttPort, s, gridwarden)), s.mqttRates(),
                        s.rounds(), s.p99BoundMillis(), InterleavedRamp.Timing.of(s)));
            }
        }
    }

    private static InterleavedRamp.Target target(String name, int port, SuiteSettings s, AutoCloseable system) {
        return InterleavedRamp.Target.of(name, (rate, warmup, duration) -> new MqttLoad().run(
                new MqttLoad.Settings(name, port, rate, s.batchSize(), warmup, duration, s.maxInFlight(), sessions(s))), system);
    }

    /** One MQTT session per camera, at most {@code --mqtt-sessions}. */
    static List<String> sessions(SuiteSettings s) {
        return s.cameras().subList(0, Math.min(s.cameras().size(), s.mqttSessions()));
    }
}
