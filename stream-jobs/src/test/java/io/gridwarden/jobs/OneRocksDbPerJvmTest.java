package io.gridwarden.jobs;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.LogFixtures.detection;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.jobs.source.LogClockWatermarks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;

/**
 * The event log and Flink's RocksDB state backend share one RocksDB library in one JVM
 * (frocksdbjni, see ARCHITECTURE.md "Known traps"): with the wrong one first on the classpath,
 * every checkpoint fails. Here checkpoints must keep completing while the log is being written.
 */
class OneRocksDbPerJvmTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Checkpoints of the RocksDB state backend complete while the event log is written, in one JVM")
    void shouldCompleteCheckpointsWhileTheEventLogIsWritten() throws Exception {
        assertThat(RocksDB.class.getProtectionDomain().getCodeSource().getLocation().toString()).contains("frocksdbjni");
        JobSettings settings = new JobSettings(TOWN, LogSpec.of(dir.resolve("events"), 2), LogSpec.of(dir.resolve("actions"), 1),
                dir.resolve("checkpoints"), Duration.ofMillis(300), 2, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, COMMAND_IDS);
        RecordLog eventLog = LogRegistry.acquire(settings.eventLog());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                LogFixtures.append(settings.eventLog(), List.of(detection(CAMERA, System.currentTimeMillis() + written.incrementAndGet())));
            }
        });
        JobClient job = EmbeddedJobRunner.start(settings);
        try {
            writer.start();
            List<Long> completed = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (completed.size() < 3 && System.nanoTime() < deadline) {
                Optional<Long> latest = EmbeddedJobRunner.latestCheckpoint(settings.checkpointDir())
                        .map(p -> Long.parseLong(p.getFileName().toString().substring("chk-".length())));
                latest.filter(n -> !completed.contains(n)).ifPresent(completed::add);
                Thread.sleep(50);
            }
            writing.set(false);
            writer.join();

            assertThat(completed).as("completed checkpoints while %d events were written", written.get()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();
            long stored = eventLog.endOffset(0) + eventLog.endOffset(1);
            assertThat(stored).isEqualTo(written.get());
        } finally {
            writing.set(false);
            MiniClusterFixtures.cancelAndAwait(job);
            LogRegistry.release(settings.eventLog());
        }
    }
}
