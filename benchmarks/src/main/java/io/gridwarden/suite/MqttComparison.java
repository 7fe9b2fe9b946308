package io.gridwarden.suite;

import io.gridwarden.suite.mqtt.MqttLoad;
import io.gridwarden.suite.peers.GridwardenChild;
import io.gridwarden.suite.peers.MosquittoPeer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** MQTT QoS 1 ingest: gridwarden's (PUBACK once fsynced) against Mosquitto's, same client, same payloads. */
public final class MqttComparison {

    public static final String GRIDWARDEN = "gridwarden MQTT (durable)";
    public static final String MOSQUITTO = "Mosquitto (persistence on)";
    static final int MAX_SESSIONS = 500;

    public static InterleavedRamp.Outcome run(SuiteSettings s) throws Exception {
        try (var gridwarden = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("mqtt")), null, s.gridwardenHeap(), s.gridwardenArgs());
             var mosquitto = Files.isExecutable(s.mosquitto()) ? MosquittoPeer.start(s.mosquitto(), s.workDir()) : null) {
            List<InterleavedRamp.Target> targets = new ArrayList<>();
            targets.add(target(GRIDWARDEN, gridwarden.mqttPort, s));
            if (mosquitto != null) {
                targets.add(target(MOSQUITTO, mosquitto.port, s));
            } else {
                System.err.println("mosquitto not found at " + s.mosquitto() + ": skipped (apt-get install -y mosquitto)");
            }
            return InterleavedRamp.run(targets, s.mqttRates(), s.rounds(), s.p99BoundMillis(), s.timing());
        }
    }

    private static InterleavedRamp.Target target(String name, int port, SuiteSettings s) {
        return InterleavedRamp.Target.of(name, (rate, warmup, duration) -> new MqttLoad().run(
                new MqttLoad.Settings(name, port, rate, s.batchSize(), warmup, duration, s.maxInFlight(), sessions(s.cameras()))));
    }

    /** One MQTT session per camera, at most {@link #MAX_SESSIONS}: a city's ten thousand would measure the client, not the broker. */
    static List<String> sessions(List<String> cameras) {
        return cameras.subList(0, Math.min(cameras.size(), MAX_SESSIONS));
    }
}
