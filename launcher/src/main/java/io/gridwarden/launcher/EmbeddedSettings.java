package io.gridwarden.launcher;

import io.gridwarden.common.tls.PemFiles;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded default runs. Defaults live here and nowhere else.
 *
 * @param host the device and operations servers' address; null: chosen by the town ({@link ListenAddress})
 * @param flinkWebPort Flink's REST API and web UI on loopback at this port; null: none at all
 * @param tls         the device endpoints' certificate and key; null: plain text
 * @param mqttTlsPort MQTT over TLS, with {@code tls}
 * @param publicHost  the host name phones' browsers use to reach this machine: the officer's page
 *                    ({@code <ops>/officer}) posts its events to ingest there, and ingest takes browser posts
 *                    only from that page's origin ({@link #officerPageOrigin()})
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
        int parallelism,
        Duration retention,
        Duration dedupWindow,
        long maxLagEvents,
        double deviceEventsPerSecond,
        int deviceBurst,
        int ingestInstances,
        Duration maxDeviceDelay,
        boolean ingestOnly,
        PemFiles tls,
        int mqttTlsPort,
        Path commandSecretFile,
        Integer flinkWebPort,
        int maxPendingAppends,
        Duration logCommitDelay,
        String publicHost) {

    static final String DEFAULT_TOWN = "classpath:towns/demo-town.yaml";
    static final String DEFAULT_DATA_DIR = "gridwarden-data";
    static final int DEFAULT_INGEST_PORT = 8080;
    static final int DEFAULT_MQTT_PORT = 1883;
    static final int DEFAULT_OPS_PORT = 8090;
    static final int DEFAULT_SIMULATOR_PORT = 8070;
    /** Where the command secret is generated at first start, under the data directory, when no file is given. */
    static final String DEFAULT_COMMAND_SECRET = "command-secret";
    static final int DEFAULT_PARTITIONS = 4;
    static final String DEFAULT_PUBLIC_HOST = "127.0.0.1";
    /** How long the event log's group commit waits for more appends under load ({@code --log-commit-delay}). */
    static final String DEFAULT_LOG_COMMIT_DELAY = "PT0.001S";
    EmbeddedSettings {
        devicePort("--ingest-port", ingestPort);
        if (mqttPort != -1 || tls == null) {
            devicePort("--mqtt-port", mqttPort);
        }
        if (tls != null) {
            devicePort("--mqtt-tls-port", mqttTlsPort);
            if (simulator) {
                throw new IllegalArgumentException("--tls-cert serves devices over TLS, which the demo's simulated devices do not speak:"
                        + " add --no-simulator and point your devices at https:// and mqtts://");
            }
        }
        if (opsPort < 0 || opsPort > 65_535) {
            throw new IllegalArgumentException("--ops-port must be between 0 (any free port) and 65535, got " + opsPort);
        }
        if (flinkWebPort != null && (flinkWebPort < 1 || flinkWebPort > 65_535)) {
            throw new IllegalArgumentException("--flink-web-port must be between 1 and 65535, got " + flinkWebPort);
        }
        if (maxPendingAppends < 1) {
            throw new IllegalArgumentException("--max-pending-appends must be at least 1, got " + maxPendingAppends);
        }
        if (logCommitDelay.isNegative() || logCommitDelay.compareTo(LogSpec.MAX_COMMIT_DELAY) > 0) {
            throw new IllegalArgumentException("--log-commit-delay must be between 0 and " + LogSpec.MAX_COMMIT_DELAY.toMillis()
                    + " ms, got " + logCommitDelay);
        }
        if (parallelism < 1 || parallelism > partitions) {
            throw new IllegalArgumentException("--parallelism must be between 1 and --partitions (" + partitions + "), got " + parallelism);
        }
        if (ingestInstances < 1) {
            throw new IllegalArgumentException("--ingest-instances must be at least 1, got " + ingestInstances);
        }
        if (publicHost == null || !publicHost.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]")) {
            throw new IllegalArgumentException("--public-host must be a host name or address (an IPv6 one in brackets), got " + publicHost);
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

    /** The origin of the officer's page, as a phone's browser sends it: the only one ingest takes browser posts from. */
    String officerPageOrigin() {
        return scheme() + "://" + publicHost.toLowerCase(java.util.Locale.ROOT) + ":" + opsPort;
    }

    /** Ingest's events URL as phones reach it: where the officer's page posts. */
    String handsetEventsUrl() {
        return scheme() + "://" + publicHost.toLowerCase(java.util.Locale.ROOT) + ":" + ingestPort + "/v1/events";
    }

    private String scheme() {
        return tls == null ? "http" : "https";
    }

    /** The command secret's file: the one given, else {@link #DEFAULT_COMMAND_SECRET} in the data directory. */
    Path commandSecret() {
        return commandSecretFile != null ? commandSecretFile : dataDir.resolve(DEFAULT_COMMAND_SECRET);
    }

    /**
     * One subtask of each of the job's operators per two processors, at most one per partition. Each subtask is a
     * thread (the source, detection, the sensor rules, device health, assignment) beside ingest's event loops and
     * the log writer. On two processors at 100,000 events/s, one set against two: 1.28–1.49 cores in three runs of
     * four (1.63 in the fourth) against 1.57–1.64, and the due → voice warning p99 372 and 483 ms against 733 and 955.
     */
    static int defaultParallelism(int partitions) {
        return Math.max(1, Math.min(partitions, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** One HTTP and one MQTT endpoint instance per processor: each parses on its own event loop. */
    static int defaultIngestInstances() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
