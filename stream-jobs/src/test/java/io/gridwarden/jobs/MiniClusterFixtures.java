package io.gridwarden.jobs;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the integration tests share, and the job configuration they start from. */
final class MiniClusterFixtures {

    /** Parallelism of the integration tests: two, as the issue asks, on this two-core machine. */
    static final int PARALLELISM = 2;

    private MiniClusterFixtures() {}

    /** One task manager with a slot per parallel task and little managed memory (RocksDB's is native). */
    static MiniClusterExtension cluster() {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).setConfiguration(config).build());
    }

    /** RocksDB state, checkpoints under {@code dir} every {@code interval}, and no silent fall-back to Kryo. */
    static Configuration jobConfig(Path dir, Duration interval) {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        return config;
    }

    /**
     * Cancels the job and waits until it has terminated, so no checkpoint is still being written when
     * the test's temporary directory is deleted ({@code cancel()} completes once the request is taken).
     */
    static void cancelAndAwait(JobClient job) throws Exception {
        job.cancel().get();
        job.getJobExecutionResult().handle((result, failure) -> null).get(60, TimeUnit.SECONDS);
    }

    /** Waits until the job runs (its start on a busy machine takes seconds): at most 60 s; a job that ends instead fails at once. */
    static void awaitRunning(JobClient job) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CommonTestUtils.waitForJobStatus(job, List.of(JobStatus.RUNNING)),
                "the job not running within 60 s");
    }
}
