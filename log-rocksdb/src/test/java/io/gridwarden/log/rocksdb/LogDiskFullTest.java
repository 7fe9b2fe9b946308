package io.gridwarden.log.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.LogStorageFullException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log on a small filesystem of its own (a tmpfs; needs root) that fills up. RocksDB then stops writing
 * (a background error) and resumes by itself once the disk has room again; the log tells appenders the
 * disk is full meanwhile, and keeps everything it acknowledged.
 */
@DisplayName("the log on a full disk")
class LogDiskFullTest {

    private static final int DISK_MB = 160;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Path disk;
    private final Random random = new Random(7);

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = dir.resolve("disk");
        Files.createDirectories(disk);
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=" + DISK_MB + "m", "tmpfs", disk.toString()))
                .as("mounting a tmpfs needs root (CAP_SYS_ADMIN): the disk-full test is skipped here").isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "-l", disk.toString());
    }

    @Test
    @DisplayName("Appends fail with LogStorageFullException while the disk is full, write again by themselves once space is freed, and nothing acknowledged is lost")
    void shouldRefuseWhileFullAndWriteAgainOnceSpaceIsFreed() throws Exception {
        Path filler = disk.resolve("filler");
        Set<String> acknowledged = new HashSet<>();
        LogSpec spec = LogSpec.of(disk.resolve("events"), 4);
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            fill(filler, Files.getFileStore(disk).getUsableSpace() - (4L << 20));

            Throwable refused = appendUntilRefused(log, acknowledged);
            assertThat(refused).isInstanceOf(LogStorageFullException.class);

            Files.delete(filler);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            boolean writes = false;
            while (!writes && System.nanoTime() < deadline) {
                writes = tryAppend(log, acknowledged) == null;
                Thread.sleep(writes ? 0 : 200);
            }
            assertThat(writes).as("the log writes again within %s of space being freed", PATIENCE).isTrue();
        }
        try (RocksRecordLog reopened = RocksRecordLog.open(spec)) {
            Set<String> stored = new HashSet<>();
            for (int p = 0; p < reopened.partitions(); p++) {
                reopened.read(p, 0, Integer.MAX_VALUE).stream().map(LogRecord::payload).map(String::new).forEach(stored::add);
            }
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertThat(lost).as("acknowledged records missing after the disk filled up").isEmpty();
        }
    }

    private Throwable appendUntilRefused(RocksRecordLog log, Set<String> acknowledged) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Throwable refused = tryAppend(log, acknowledged);
            if (refused != null) {
                return refused;
            }
        }
        throw new AssertionError("the disk never filled up");
    }

    /** Appends a batch of large, barely compressible records; null when it was acknowledged, else why not. */
    private Throwable tryAppend(RocksRecordLog log, Set<String> acknowledged) throws Exception {
        List<LogEntry> batch = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] noise = new byte[300];
            random.nextBytes(noise);
            String payload = UUID.randomUUID() + ":" + HexFormat.of().formatHex(noise);
            payloads.add(payload);
            batch.add(new LogEntry("device-" + (i % 8), payload.substring(0, 36), payload.getBytes()));
        }
        try {
            AppendResult result = log.append(batch).get(10, TimeUnit.SECONDS);
            assertThat(result.accepted()).isEqualTo(batch.size());
            acknowledged.addAll(payloads);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException noSuchCommand) {
            return -1;
        }
    }
}
