package io.gridwarden.launcher;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded default runs. Defaults live here and nowhere else.
 *
 * @param host the device and operations servers' address; null: chosen by the town ({@link ListenAddress})
 * @param flinkWebPort Flink's REST API and web UI on loopback at this port; null: none at all
 */
record EmbeddedSettings(
        String town,
        Path dataDir,
        String host,
        int ingestPort,
        int mqttPort,
        int opsPort,
        boolean simulator,
        int simulatorPort,
        String commandGateway,
        Duration checkpointInterval,
        int partitions,
        Duration retention,
        Duration dedupWindow,
        long maxLagEvents,
        double deviceEventsPerSecond,
        int deviceBurst,
        int ingestInstances,
        Duration maxDeviceDelay,
        boolean ingestOnly,
        Integer flinkWebPort,
        int maxPendingAppends) {

    static final String DEFAULT_TOWN = "classpath:towns/demo-town.yaml";
    static final String DEFAULT_DATA_DIR = "gridwarden-data";
    static final int DEFAULT_INGEST_PORT = 8080;
    static final int DEFAULT_MQTT_PORT = 1883;
    static final int DEFAULT_OPS_PORT = 8090;
    static final int DEFAULT_SIMULATOR_PORT = 8070;
    static final int DEFAULT_PARTITIONS = 4;
    /** The jobs' parallelism on the embedded MiniCluster: this is a small machine's default. */
    static final int PARALLELISM = 2;
    EmbeddedSettings {
        devicePort("--ingest-port", ingestPort);
        devicePort("--mqtt-port", mqttPort);
        if (opsPort < 0 || opsPort > 65_535) {
            throw new IllegalArgumentException("--ops-port must be between 0 (any free port) and 65535, got " + opsPort);
        }
        if (flinkWebPort != null && (flinkWebPort < 1 || flinkWebPort > 65_535)) {
            throw new IllegalArgumentException("--flink-web-port must be between 1 and 65535, got " + flinkWebPort);
        }
        if (maxPendingAppends < 1) {
            throw new IllegalArgumentException("--max-pending-appends must be at least 1, got " + maxPendingAppends);
        }
        if (ingestInstances < 1) {
            throw new IllegalArgumentException("--ingest-instances must be at least 1, got " + ingestInstances);
        }
        if (maxDeviceDelay.isNegative()) {
            throw new IllegalArgumentException("--max-device-delay must not be negative, got " + maxDeviceDelay);
        }
    }

    /**
     * Devices must know where to send, and the endpoint instances share the port, so it must be a fixed one:
     * with 0 each instance would get a port of its own.
     */
    private static void devicePort(String option, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be a fixed port between 1 and 65535 (devices must know it), got " + port);
        }
    }

    /** One HTTP and one MQTT endpoint instance per processor: each parses on its own event loop. */
    static int defaultIngestInstances() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
