package io.gridwarden.launcher;

import java.nio.file.Path;
import java.time.Duration;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.tls.PemFiles;
import io.gridwarden.common.town.TownFileException;
import io.gridwarden.ingest.IngestConfig;
import io.gridwarden.ingest.IngestLimits;
import io.gridwarden.log.rocksdb.LogSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwarden run}: the whole system in one process, on the embedded default. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start ingest, the Flink jobs on an embedded MiniCluster, and alerting in one process"
                + " (with the demo town's simulated devices unless --no-simulator).")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--town", defaultValue = EmbeddedSettings.DEFAULT_TOWN,
            description = "Town file (YAML path, or classpath:…). Default: the demo town.")
    String town;

    @Option(names = "--data-dir", defaultValue = EmbeddedSettings.DEFAULT_DATA_DIR,
            description = "Where the event log, the action log, checkpoints and alerting's state live. (Temporary files go to"
                    + " <java.io.tmpdir>/gridwarden-<hash of this directory>/<pid>; what a killed process left there goes at the next"
                    + " start.) Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--host", description = "Address the device (HTTP, MQTT) and operations servers bind. Default: 127.0.0.1 while the"
            + " town accepts the demo's published tokens (the demo town), else 0.0.0.0 (every interface).")
    String host;

    @Option(names = "--ingest-port", defaultValue = "" + EmbeddedSettings.DEFAULT_INGEST_PORT, description = "Devices' HTTP port. Default: ${DEFAULT-VALUE}")
    int ingestPort;

    @Option(names = "--mqtt-port", defaultValue = "" + EmbeddedSettings.DEFAULT_MQTT_PORT,
            description = "Devices' plain MQTT port; -1: none (with --tls-cert, MQTT over TLS only). Default: ${DEFAULT-VALUE}")
    int mqttPort;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) the device endpoints serve TLS with:"
            + " HTTPS on --ingest-port, MQTT over TLS on --mqtt-tls-port. Needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (PKCS#8 or PKCS#1, unencrypted).")
    Path tlsKey;

    @Option(names = "--mqtt-tls-port", defaultValue = "" + IngestConfig.DEFAULT_MQTT_TLS_PORT,
            description = "Devices' MQTT over TLS port, with --tls-cert. Default: ${DEFAULT-VALUE}")
    int mqttTlsPort;

    @Option(names = "--ops-port", defaultValue = "" + EmbeddedSettings.DEFAULT_OPS_PORT, description = "Operations API port. Default: ${DEFAULT-VALUE}")
    int opsPort;

    @Option(names = "--no-simulator", description = "Start without the demo's simulated devices: devices are then only what clients send.")
    boolean noSimulator;

    @Option(names = "--simulator-port", defaultValue = "" + EmbeddedSettings.DEFAULT_SIMULATOR_PORT,
            description = "Port where the simulated devices receive commands. Default: ${DEFAULT-VALUE}")
    int simulatorPort;

    @Option(names = "--command-gateway", description = "Base URL that receives commands for devices without a commandUrl,"
            + " as <url>/devices/<id>/commands (overrides the town file's commandGateway).")
    String commandGateway;

    @Option(names = "--checkpoint-interval", defaultValue = "PT5S", description = "How often the jobs checkpoint (ISO-8601)."
            + " Longer: fewer voice warnings held up by a checkpoint and less CPU, but more to replay after a crash, and the"
            + " event log's lag (counted to the last checkpoint, which --max-lag-events guards) grows between them. Default: 5s")
    Duration checkpointInterval;

    @Option(names = "--partitions", defaultValue = "" + EmbeddedSettings.DEFAULT_PARTITIONS,
            description = "Event log partitions (fixed when the data directory is created). Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--parallelism", description = "Subtasks of each of the enforcement job's operators, at most --partitions (a checkpoint"
            + " of another parallelism restores into it). Default: one per two processors, at least one")
    Integer parallelism;

    @Option(names = "--retention", defaultValue = "P7D",
            description = "Keep events and actions at least this long, and always until the jobs (events) or alerting (actions) are done"
                    + " with them (0 = forever). Default: 7 days")
    Duration retention;

    @Option(names = "--dedup-window", defaultValue = "PT25H",
            description = "Remember (source, id) this long to acknowledge repeats as duplicates (at least 24 h). Default: 25 h")
    Duration dedupWindow;

    @Option(names = "--max-lag-events", defaultValue = "" + IngestLimits.DEFAULT_MAX_LAG_EVENTS,
            description = "Refuse events (503, MQTT quota exceeded) while this many are waiting for the jobs. Default: ${DEFAULT-VALUE}")
    long maxLagEvents;

    @Option(names = "--device-rate", defaultValue = "" + IngestLimits.DEFAULT_DEVICE_EVENTS_PER_SECOND,
            description = "Events per second each device may send (429 / MQTT quota exceeded beyond). Default: ${DEFAULT-VALUE}")
    double deviceEventsPerSecond;

    @Option(names = "--device-burst", defaultValue = "" + IngestLimits.DEFAULT_DEVICE_BURST,
            description = "Events a device may send at once above its rate. Default: ${DEFAULT-VALUE}")
    int deviceBurst;

    @Option(names = "--ingest-instances",
            description = "Instances of ingest's HTTP and of its MQTT endpoint, each on its own event loop, sharing the ports."
                    + " Default: the number of processors")
    Integer ingestInstances;

    @Option(names = "--max-device-delay", defaultValue = "PT0.25S",
            description = "How long a decision waits after it is due for devices' frames still on their way; a frame later than that"
                    + " is counted late (and still processed). Raise it for devices that buffer frames. Default: 250 ms")
    Duration maxDeviceDelay;

    @Option(names = "--ingest-only", description = "Start ingest alone (no jobs, no alerting, no simulator): the device edge on its own,"
            + " for measuring it. Events wait in the event log for a full run; beyond --max-lag-events ingest refuses more.")
    boolean ingestOnly;

    @Option(names = "--command-secret-file", description = "The secret command ids are signed with (hex, at least 32 bytes,"
            + " owner-only: chmod 600), shared with every process that makes or checks command ids."
            + " Default: generated at first start as <data-dir>/" + EmbeddedSettings.DEFAULT_COMMAND_SECRET)
    Path commandSecretFile;

    @Option(names = "--max-pending-appends", defaultValue = "" + LogSpec.DEFAULT_MAX_PENDING_APPENDS,
            description = "Appends (requests, MQTT publishes) that may wait for the event log's next fsync; beyond it ingest refuses"
                    + " (503 overloaded, MQTT quota exceeded), so a slow disk costs no memory. Default: ${DEFAULT-VALUE}")
    int maxPendingAppends;

    @Option(names = "--log-commit-delay", defaultValue = EmbeddedSettings.DEFAULT_LOG_COMMIT_DELAY,
            description = "How long the event log waits for more appends before its fsync when one arrives alone right after a"
                    + " commit (ISO-8601; at most 100 ms): fewer fsyncs and less CPU for up to this much on an acknowledgement; an append"
                    + " after a quiet moment, or one that finds others waiting, is written at once. 0 never waits. Default: 1 ms")
    Duration logCommitDelay;

    @Option(names = "--flink-web-port", description = "Serve Flink's REST API and web UI on 127.0.0.1 at this port. It is"
            + " unauthenticated (it can cancel the job): reach it from elsewhere only through an authenticating proxy or an SSH tunnel."
            + " Default: none at all.")
    Integer flinkWebPort;

    @Option(names = "--public-host", defaultValue = EmbeddedSettings.DEFAULT_PUBLIC_HOST,
            description = "The host name (or address) officers' phones use to reach this machine: the officer's page at"
                    + " <ops-port>/officer sends its events to ingest at this host, and ingest takes events from a browser page only"
                    + " from that page. Default: ${DEFAULT-VALUE}")
    String publicHost;

    @Override
    public Integer call() throws Exception {
        EmbeddedSettings settings;
        try {
            settings = new EmbeddedSettings(town, dataDir, host, ingestPort, mqttPort, opsPort, !noSimulator && !ingestOnly, simulatorPort,
                    commandGateway, checkpointInterval, partitions, parallelism == null ? EmbeddedSettings.defaultParallelism(partitions) : parallelism,
                    retention, dedupWindow, maxLagEvents, deviceEventsPerSecond, deviceBurst,
                    ingestInstances == null ? EmbeddedSettings.defaultIngestInstances() : ingestInstances, maxDeviceDelay, ingestOnly,
                    tls(), mqttTlsPort, commandSecretFile, flinkWebPort, maxPendingAppends, logCommitDelay, publicHost);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e); // a usage error: message and exit code 2
        }
        ProcessTempDir.Claim temporary = ProcessTempDir.claim(dataDir); // before anything extracts a library or makes a temporary file
        return ServiceRun.untilStopped("run", spec.commandLine().getErr(), temporary, () -> {
            try {
                return EmbeddedGridwarden.start(settings); // reads the town file and the command secret before it creates anything
            } catch (CommandSecretFile.CommandSecretException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            } catch (TownFileException e) {
                throw new StartRefusedException(e.getMessage(), e);
            }
        });
    }

    /** The device endpoints' TLS identity: both files or neither (plain text). */
    private PemFiles tls() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key, got only " + (tlsCert == null ? "--tls-key" : "--tls-cert"));
        }
        return tlsCert == null ? null : new PemFiles(tlsCert, tlsKey);
    }
}
