package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.LogEntry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private LogSpec spec() {
        return LogSpec.of(dir, 1).withRetention(Duration.ofDays(7));
    }

    private static void appendTen(RecordLog log, String prefix) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(new LogEntry("cam-1", prefix + i, (prefix + i).getBytes(StandardCharsets.UTF_8)));
        }
        log.append(entries).join();
    }

    private static List<Long> offsets(RecordLog log) {
        return log.read(0, 0, 1000).stream().map(LogRecord::offset).toList();
    }

    @Test
    @DisplayName("Old records nobody acknowledged survive a sweep")
    void shouldKeepUnacknowledgedRecordsWhateverTheirAge() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "e");

            assertThat(log.sweep(System.currentTimeMillis() + 30 * DAY)).isZero();
            assertThat(offsets(log)).hasSize(10);
        }
    }

    @Test
    @DisplayName("Old records below the acknowledged offset are deleted, for a reader that was reading them too; those at or above it stay")
    void shouldDeleteOldAcknowledgedRecordsOnly() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "a");
            appendTen(log, "b");
            assertThat(log.read(0, 0, 5)).hasSize(5); // the read leaves off inside the first segment
            log.acknowledge(0, 10);

            assertThat(log.sweep(System.currentTimeMillis() + 8 * DAY)).isEqualTo(10);
            assertThat(log.read(0, 5, 3)).extracting(LogRecord::offset).containsExactly(10L, 11L, 12L);
            assertThat(offsets(log)).hasSize(10).first().isEqualTo(10L);
            assertThat(log.sweep(System.currentTimeMillis() + 8 * DAY)).isZero();
        }
    }

    @Test
    @DisplayName("A segment holding the acknowledged offset is kept whole, records below it included")
    void shouldKeepTheSegmentThatHoldsTheAcknowledgedOffset() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "a"); // offsets 0-9, one segment
            appendTen(log, "b"); // offsets 10-19, another
            log.acknowledge(0, 16);

            assertThat(log.sweep(System.currentTimeMillis() + 8 * DAY)).isEqualTo(10);
            assertThat(offsets(log)).first().isEqualTo(10L);
            assertThat(offsets(log)).hasSize(10);
        }
    }

    @Test
    @DisplayName("Acknowledged records younger than the retention stay")
    void shouldKeepRecentAcknowledgedRecords() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "e");
            log.acknowledge(0, 10);

            assertThat(log.sweep(System.currentTimeMillis() + 6 * DAY)).isZero();
            assertThat(offsets(log)).hasSize(10);
        }
    }

    @Test
    @DisplayName("Only the expired prefix goes when older and newer records are both acknowledged")
    void shouldDeleteOnlyRecordsOlderThanTheRetention() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "old");
            Thread.sleep(50);
            long between = System.currentTimeMillis();
            Thread.sleep(50);
            appendTen(log, "new");
            log.acknowledge(0, 20);

            assertThat(log.sweep(between + 7 * DAY)).isEqualTo(10);
            assertThat(offsets(log)).first().isEqualTo(10L);
            assertThat(offsets(log)).hasSize(10);
        }
    }

    @Test
    @DisplayName("A sweep deletes the files of expired records outright, with their blob files")
    void shouldDeleteTheFilesOfExpiredRecords() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        for (int file = 0; file < 4; file++) { // each reopen flushes what the last one appended into a file of level 0
            try (RocksRecordLog log = RocksRecordLog.open(spec(), clock::get)) {
                appendTen(log, "old" + file);
            }
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec(), clock::get)) {
            // Four files in level 0 make RocksDB move the oldest down; a file still in level 0 is never deleted whole,
            // and in a running log records are days old, long moved down, when they expire.
            awaitFileMovedOutOfLevelZero();
            List<Path> oldBlobs = blobFiles();
            assertThat(oldBlobs).hasSize(4);
            clock.addAndGet(DAY);
            appendTen(log, "new");
            log.acknowledge(0, 50);

            assertThat(log.sweep(clock.get() + 6 * DAY + 1)).isEqualTo(40);

            assertThat(blobFiles()).hasSize(3).doesNotContain(oldBlobs.stream().sorted().findFirst().orElseThrow());
            assertThat(offsets(log)).hasSize(10).first().isEqualTo(40L);
        }
    }

    private void awaitFileMovedOutOfLevelZero() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(dir.resolve("LOG")).contains("[timed-partition-0] Moved #1 files to level-")) { // RocksDB's own log of it
            assertThat(System.nanoTime()).as("RocksDB moved a flushed file out of level 0").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".blob")).toList();
        }
    }

    @Test
    @DisplayName("A retention of zero keeps acknowledged records forever")
    void shouldKeepEverythingWithoutRetention() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec().withRetention(Duration.ZERO))) {
            appendTen(log, "e");
            log.acknowledge(0, 10);

            assertThat(log.sweep(System.currentTimeMillis() + 365 * DAY)).isZero();
            assertThat(offsets(log)).hasSize(10);
        }
    }

    @Test
    @DisplayName("The acknowledged offset survives a reopen and never moves back")
    void shouldKeepTheAcknowledgedOffsetAcrossReopen() {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "e");
            log.acknowledge(0, 7);
            log.acknowledge(0, 3);
            log.acknowledge(0, 99);
            assertThat(log.acknowledged(0)).isEqualTo(10); // bounded by the end
            assertThat(log.lag(0)).isZero();
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            assertThat(log.acknowledged(0)).isEqualTo(10);
            appendTen(log, "f");
            assertThat(log.totalLag()).isEqualTo(10);
        }
    }

    @Test
    @DisplayName("A partition swept empty keeps its offsets counting after a reopen")
    void shouldNotReuseOffsetsOfASweptPartition() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            appendTen(log, "e");
            log.acknowledge(0, 10);
            assertThat(log.sweep(System.currentTimeMillis() + 8 * DAY)).isEqualTo(10);
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec())) {
            assertThat(log.endOffset(0)).isEqualTo(10);
            appendTen(log, "f");
            assertThat(offsets(log)).first().isEqualTo(10L);
        }
    }

    @Test
    @DisplayName("The sweeper thread deletes on its own every sweep interval")
    void shouldSweepPeriodically() throws Exception {
        LogSpec fast = spec().withRetention(Duration.ofMillis(1)).withSweepInterval(Duration.ofMillis(20));
        try (RocksRecordLog log = RocksRecordLog.open(fast)) {
            appendTen(log, "e");
            appendTen(log, "f");
            log.acknowledge(0, 10);
            long deadline = System.currentTimeMillis() + 5_000;
            while (offsets(log).size() > 10 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(offsets(log)).hasSize(10).first().isEqualTo(10L);
        }
    }
}
