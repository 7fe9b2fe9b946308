package io.gridwarden.suite;

import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.suite.mqtt.MqttLoad;
import io.gridwarden.suite.peers.GridwardenChild;
import io.gridwarden.suite.peers.MosquittoPeer;
import io.gridwarden.suite.peers.NoopMqttServer;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
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

    /** Open files this JVM keeps for everything but the sessions: jars, logs, the HTTP parts' sockets. */
    private static final int OTHER_FILES = 1024;

    public static InterleavedRamp.Outcome run(SuiteSettings s) throws Exception {
        checkOpenFiles(sessions(s).size());
        try (var noop = s.ramps(SuiteSettings.NOOP) ? NoopMqttServer.start() : null;
             var mosquitto = s.ramps(SuiteSettings.MOSQUITTO) ? mosquitto(s) : null) {
            List<InterleavedRamp.Target> peers = new ArrayList<>();
            if (noop != null) {
                peers.add(target(NOOP, noop.port(), s, noop));
            }
            if (mosquitto != null) {
                peers.add(target(MOSQUITTO, mosquitto.port, s, mosquitto));
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

    private static MosquittoPeer mosquitto(SuiteSettings s) throws Exception {
        if (Files.isExecutable(s.mosquitto())) {
            return MosquittoPeer.start(s.mosquitto(), s.workDir());
        }
        System.err.println("mosquitto not found at " + s.mosquitto() + ": skipped (apt-get install -y mosquitto)");
        return null;
    }

    private static InterleavedRamp.Target target(String name, int port, SuiteSettings s, AutoCloseable system) {
        return InterleavedRamp.Target.of(name, (rate, warmup, duration) -> new MqttLoad().run(
                new MqttLoad.Settings(name, port, rate, s.batchSize(), warmup, duration, s.maxInFlight(), sessions(s))), system);
    }

    /**
     * The no-op server runs in this JVM, so each session costs it two open files (the client's socket and the
     * server's): past the limit the last sessions' CONNECTs would wait unanswered rather than fail.
     */
    private static void checkOpenFiles(int sessions) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
                && 2L * sessions + OTHER_FILES > os.getMaxFileDescriptorCount()) {
            throw new IllegalArgumentException(String.format("%,d MQTT sessions need %,d open files in this JVM (client and in-JVM"
                    + " no-op server), but it may open %,d (ulimit -n): give --mqtt-sessions %,d at most, or raise the limit",
                    sessions, 2L * sessions + OTHER_FILES, os.getMaxFileDescriptorCount(), (os.getMaxFileDescriptorCount() - OTHER_FILES) / 2));
        }
    }

    /** One MQTT session per camera, at most {@code --mqtt-sessions}. */
    static List<String> sessions(SuiteSettings s) {
        return MqttLoad.sessions(s.cameras(), s.mqttSessions());
    }
}
