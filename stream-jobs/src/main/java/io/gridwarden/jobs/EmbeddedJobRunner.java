package io.gridwarden.jobs;

import io.gridwarden.jobs.metrics.BridgeReporterFactory;
import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogSource;
import io.gridwarden.jobs.state.StateRocksOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enforcement job on a local Flink cluster inside this process, resuming from the latest
 * retained checkpoint, so a process killed with {@code kill -9} carries on where it left off.
 *
 * <p>The job id is fixed, so checkpoints always land in {@code <checkpointDir>/<job id>/chk-N}; on
 * start the newest {@code chk-N} holding a {@code _metadata} file (a completed checkpoint) is restored.
 */
public final class EmbeddedJobRunner {

    /** The enforcement job's fixed id: keeps its checkpoint directory stable across restarts. */
    public static final JobID JOB_ID = JobID.fromHexString("67726964776172640000000000000001");
    public static final String JOB_NAME = "gridwarden-enforcement";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedJobRunner.class);
    /**
     * A failed job restarts from its last checkpoint after 1 s, then after ever longer pauses up to 30 s, for as
     * long as it keeps failing: what fails it here (a full disk, say) passes, and nobody restarts it by hand.
     * While it restarts, readiness is DOWN.
     */
    private static final Duration RESTART_FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration RESTART_MAX_DELAY = Duration.ofSeconds(30);
    private static final MemorySize MANAGED_MEMORY = MemorySize.parse("64m");

    private EmbeddedJobRunner() {}

    /** Starts the job without Flink's REST API and returns at once; cancel it through the returned client. */
    public static JobClient start(JobSettings settings) throws Exception {
        return start(settings, OptionalInt.empty());
    }

    /**
     * Starts the job and returns at once; cancel it through the returned client. The cluster listens on
     * loopback only: its blob server on a free port, and Flink's REST API (web UI) on {@code webPort} if
     * given, else not at all.
     */
    public static JobClient start(JobSettings settings, OptionalInt webPort) throws Exception {
        Configuration config = configuration(settings);
        ClusterNetwork.loopbackOnly(config, webPort);
        var env = new StreamExecutionEnvironment(new LoopbackExecutorLoader(webPort.isPresent()), config, EmbeddedJobRunner.class.getClassLoader());
        env.setParallelism(settings.parallelism());
        EnforcementJob.build(env, new LogSource(settings.eventLog()), new ActionLogSink(settings.actionLog()),
                settings.townLocation(), settings.maxDeviceDelay(), settings.commandIds());
        return env.executeAsync(JOB_NAME);
    }

    static Configuration configuration(JobSettings settings) {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.set(RocksDBOptions.OPTIONS_FACTORY, StateRocksOptions.class.getName());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir().toAbsolutePath().toUri().toString());
        config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // A checkpoint that fails (its disk is full, say) loses nothing: the job goes on from the last one that did.
        config.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE);
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, RESTART_FIRST_DELAY);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, RESTART_MAX_DELAY);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        config.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, JOB_ID.toHexString());
        // the job's counters and checkpoint figures on the process's own /metrics (FlinkMetricsBridge)
        config.set(ConfigOptions.key("metrics.reporter.gridwarden.factory.class").stringType().noDefaultValue(),
                BridgeReporterFactory.class.getName());
        latestCheckpoint(settings.checkpointDir()).ifPresent(checkpoint -> {
            LOG.info("resuming the enforcement job from {}", checkpoint);
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
            // Claim it: the job owns the restored checkpoint and deletes it once newer ones subsume it,
            // so restarts do not pile up old checkpoints in the data directory.
            config.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        });
        return config;
    }

    /** The newest completed checkpoint of the job under {@code checkpointDir}, if any. */
    static Optional<Path> latestCheckpoint(Path checkpointDir) {
        Path jobDir = checkpointDir.resolve(JOB_ID.toHexString());
        if (!Files.isDirectory(jobDir)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(jobDir)) {
            return children
                    .filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + jobDir, e);
        }
    }
}
