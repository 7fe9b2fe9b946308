package io.gridwarden.jobs;

import io.gridwarden.common.action.Action;
import io.gridwarden.jobs.source.ReplaySource;
import io.gridwarden.jobs.source.ReplayWatermarks;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the enforcement job's topology over the stored event log, judged by a town file's rules, on a
 * MiniCluster of its own in this JVM, and returns the actions it decided in the window.
 *
 * <p>It reads the log from its first stored record (state built before the window matters: a car that
 * arrived before {@code from}) up to {@code until} plus the device delay, and keeps only the actions of
 * [from, until). It has no checkpoints, writes no log and sends nothing: its sink is memory.
 */
public final class ReplayJob {

    public static final String JOB_NAME = "gridwarden-replay";
    private static final MemorySize MANAGED_MEMORY = MemorySize.parse("16m");

    private ReplayJob() {}

    /** The actions the rules of {@code settings.townLocation()} decide in the window, in the order the job emitted them. */
    public static List<Action> run(ReplaySettings settings) throws Exception {
        MemorySink sink = new MemorySink(UUID.randomUUID().toString(), settings.from(), settings.until());
        long stopAt = settings.until().plus(settings.maxDeviceDelay()).toEpochMilli();
        try {
            StreamExecutionEnvironment env = environment(settings.parallelism());
            EnforcementJob.buildReplay(env, new ReplaySource(settings.eventLog(), stopAt), new ReplayWatermarks(settings.maxDeviceDelay()), sink,
                    settings.townLocation(), settings.commandIds(), !settings.followTownChanges());
            env.execute(JOB_NAME);
        } catch (Exception | Error e) {
            sink.take();
            throw e;
        }
        return sink.take();
    }

    /**
     * A MiniCluster on loopback without Flink's REST API, no checkpoints, no metrics reporter; its state in RocksDB and
     * at the live job's parallelism, as live: the order in which timers of one instant fire across keys follows both.
     */
    private static StreamExecutionEnvironment environment(int parallelism) {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        ClusterNetwork.loopbackOnly(config, OptionalInt.empty());
        var env = new StreamExecutionEnvironment(new LoopbackExecutorLoader(false), config, ReplayJob.class.getClassLoader());
        env.setParallelism(parallelism);
        return env;
    }
}
