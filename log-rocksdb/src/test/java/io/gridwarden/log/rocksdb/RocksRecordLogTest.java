package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.AppendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RocksRecordLogTest {

    @TempDir
    Path dir;

    private static LogEntry entry(String device, String id) {
        return new LogEntry(device, device + "/" + id, (device + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> payloads(List<LogRecord> records) {
        return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shouldKeepADevicesRecordsInOrderInItsPartition() {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 4))) {
            log.append(List.of(entry("cam-1", "a"), entry("cam-1", "b"))).join();
            log.append(List.of(entry("cam-1", "c"))).join();

            int partition = log.partitionOf("cam-1");
            assertThat(payloads(log.read(partition, 0, 10))).containsExactly("cam-1:a", "cam-1:b", "cam-1:c");
            assertThat(log.endOffset(partition)).isEqualTo(3);
            assertThat(payloads(log.read(partition, 1, 1))).containsExactly("cam-1:b");
        }
    }

    @Test
    void shouldGiveBackEachRecordsEventTimeAcrossReopenAndFromTheMiddleOfARun() {
        long t0 = 1_764_806_400_000L;
        long[] times = {t0, t0 + 40, t0 - 3_000, LogRecord.NO_EVENT_TIME, t0 + 86_400_000L, 0, Long.MAX_VALUE, t0 + 41};
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            entries.add(new LogEntry("cam-1", "cam-1/" + i, ("e" + i).getBytes(StandardCharsets.UTF_8), times[i]));
        }
        LogSpec spec = LogSpec.of(dir, 1);
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            log.append(entries).join(); // one group commit: one run, whose times are stored as differences
            log.append(List.of(new LogEntry("cam-1", null, "untimed".getBytes(StandardCharsets.UTF_8)))).join();
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            assertThat(log.read(0, 0, 20)).extracting(LogRecord::eventTimeMillis)
                    .containsExactly(t0, t0 + 40, t0 - 3_000, LogRecord.NO_EVENT_TIME, t0 + 86_400_000L, 0L, Long.MAX_VALUE, t0 + 41,
                            LogRecord.NO_EVENT_TIME);
            assertThat(log.read(0, 5, 2)).extracting(LogRecord::eventTimeMillis).containsExactly(0L, Long.MAX_VALUE);
            assertThat(log.read(0, 8, 1).get(0).hasEventTime()).isFalse();
        }
    }

    @Test
    void shouldStoreARepeatedKeyOnceAndCountItAsDuplicate() {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            assertThat(log.append(List.of(entry("cam-1", "a"), entry("cam-1", "a"))).join()).isEqualTo(new AppendResult(1, 1));
            assertThat(log.append(List.of(entry("cam-1", "a"), entry("cam-1", "b"))).join()).isEqualTo(new AppendResult(1, 1));
            assertThat(log.endOffset(0)).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepRecordsAndDuplicateKeysAcrossReopen() {
        LogSpec spec = LogSpec.of(dir, 2);
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            log.append(List.of(entry("cam-1", "a"), entry("cam-2", "a"))).join();
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            assertThat(log.append(List.of(entry("cam-1", "a"))).join().duplicates()).isEqualTo(1);
            log.append(List.of(entry("cam-1", "b"))).join();
            assertThat(payloads(log.read(log.partitionOf("cam-1"), 0, 10))).endsWith("cam-1:b").contains("cam-1:a");
        }
    }

    @Test
    void shouldRefuseToReopenWithADifferentPartitionCount() {
        RocksRecordLog.open(LogSpec.of(dir, 2)).close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RocksRecordLog.open(LogSpec.of(dir, 3)))
                .hasMessageContaining("created with 2 partitions");
    }

    @ParameterizedTest(name = "a family named {0}")
    @CsvSource({"records, one column family", "records-0, each record as an entry of its own",
            "segments-0, left its segments to RocksDB to compress", "partition-0, stored no event time beside its records"})
    void shouldRefuseALogOfAnEarlierLayout(String family, String why) throws Exception {
        createDatabaseWithFamily(family);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RocksRecordLog.open(LogSpec.of(dir, 1)))
                .hasMessageContaining("earlier gridwarden").hasMessageContaining(why).hasMessageContaining("empty data directory");
    }

    private void createDatabaseWithFamily(String family) throws Exception {
        List<org.rocksdb.ColumnFamilyHandle> handles = new ArrayList<>();
        try (var cf = new org.rocksdb.ColumnFamilyOptions();
             var options = new org.rocksdb.DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             var db = org.rocksdb.RocksDB.open(options, dir.toString(), List.of(
                     new org.rocksdb.ColumnFamilyDescriptor(org.rocksdb.RocksDB.DEFAULT_COLUMN_FAMILY, cf),
                     new org.rocksdb.ColumnFamilyDescriptor(family.getBytes(StandardCharsets.UTF_8), cf)), handles)) {
            handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
        }
    }

    @Test
    void shouldSplitALargeAppendIntoSegmentsAndReadFromAnyOffset() {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            byte[] big = new byte[Segment.MAX_BYTES / 3]; // three of them fill a segment; ten span four
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                big[0] = (byte) i;
                entries.add(new LogEntry("cam-1", "cam-1/" + i, big.clone()));
            }
            log.append(entries).join();
            log.append(List.of(entry("cam-1", "after"))).join();

            assertThat(log.read(0, 0, 100)).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(log.read(0, 4, 3)).extracting(r -> (long) r.payload()[0]).containsExactly(4L, 5L, 6L);
            assertThat(payloads(log.read(0, 10, 5))).containsExactly("cam-1:after");
            assertThat(log.read(0, 11, 5)).isEmpty();
        }
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            assertThat(log.endOffset(0)).isEqualTo(11);
        }
    }

    @Test
    @DisplayName("A run read a few records at a time, then again from before, gives every record once and in order, and the records appended after it")
    void shouldReadOneRunInSeveralReads() {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            List<LogEntry> run = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                run.add(new LogEntry("cam-1", "cam-1/" + i, ("cam-1:" + i).getBytes(StandardCharsets.UTF_8), 1_000L + i));
            }
            log.append(run).join(); // one append, one run

            List<LogRecord> inSteps = new ArrayList<>();
            for (long next = 0; next < 700; next = inSteps.get(inSteps.size() - 1).offset() + 1) {
                inSteps.addAll(log.read(0, next, 256));
            }
            assertThat(inSteps).extracting(LogRecord::offset).containsExactlyElementsOf(LongStream.range(0, 700).boxed().toList());
            assertThat(inSteps).extracting(LogRecord::eventTimeMillis).containsExactlyElementsOf(LongStream.range(1_000, 1_700).boxed().toList());
            assertThat(payloads(log.read(0, 3, 2))).containsExactly("cam-1:3", "cam-1:4");
            assertThat(log.read(0, 700, 10)).isEmpty();

            log.append(List.of(entry("cam-1", "after"))).join();
            assertThat(payloads(log.read(0, 698, 10))).containsExactly("cam-1:698", "cam-1:699", "cam-1:after");
        }
    }

    @Test
    void shouldReadBackRecordsThatDoNotCompress() {
        var random = new java.util.Random(7);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[1000];
            random.nextBytes(noise); // LZ4 would make it longer: the segment is stored as it is
            entries.add(new LogEntry("cam-1", "cam-1/" + i, noise));
        }
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            log.append(entries).join();
        }
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            assertThat(log.read(0, 2, 10)).extracting(LogRecord::payload)
                    .containsExactly(entries.get(2).payload(), entries.get(3).payload(), entries.get(4).payload());
        }
    }

    @Test
    void shouldWakeAWaitingReaderWhenARecordArrives() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1))) {
            CompletableFuture<Void> waiting = log.awaitRecord(0, 0);
            assertThat(waiting).isNotDone();

            log.append(List.of(entry("cam-1", "a"))).join();

            waiting.get(5, TimeUnit.SECONDS);
            assertThat(log.awaitRecord(0, 0)).isDone();
        }
    }

    @Test
    void shouldStoreEachOfManyConcurrentAppendsExactlyOnce() {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 3))) {
            List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                pending.add(log.append(List.of(entry("cam-" + (i % 7), "e" + i), entry("cam-" + (i % 7), "e" + i))));
            }
            int accepted = pending.stream().mapToInt(f -> f.join().accepted()).sum();

            long stored = 0;
            for (int p = 0; p < 3; p++) {
                stored += log.read(p, 0, 10_000).size();
            }
            assertThat(accepted).isEqualTo(500);
            assertThat(stored).isEqualTo(500);
        }
    }

    @Test
    void shouldLetReadsOnOtherThreadsEndBeforeClosingAndRefuseReadsAfter() throws Exception {
        RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 2));
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            entries.add(entry("cam-" + (i % 5), "e" + i));
        }
        log.append(entries).join();
        // Tailers read on worker threads while shutdown closes the log: such a read used to crash the JVM.
        List<Thread> readers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int partition = t % 2;
            Thread reader = new Thread(() -> {
                reading.countDown();
                try {
                    while (true) {
                        assertThat(log.read(partition, 0, 5_000)).isNotEmpty();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        reading.await();
        Thread.sleep(50);
        log.close();
        for (Thread reader : readers) {
            reader.join(10_000);
        }

        assertThat(failures).hasSize(4).allSatisfy(e -> assertThat(e)
                .isInstanceOf(IllegalStateException.class).hasMessage("log " + dir.toAbsolutePath().normalize() + " is closed"));
        assertThatThrownBy(() -> log.read(0, 0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    /** As ingest keys an event: its source, a zero byte, its id (DeviceEvent.dedupKey). */
    private static LogEntry event(String source, String id) {
        return new LogEntry(source, source + '\u0000' + id, (source + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static int accepted(RocksRecordLog log, LogEntry... entries) {
        return log.append(List.of(entries)).join().accepted();
    }

    @Test
    void shouldKnowARepeatWhetherIdsRiseOrNotAndAfterReopen() {
        LogSpec spec = LogSpec.of(dir, 2);
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            assertThat(accepted(log, event("cam-1", "0005"), event("cam-1", "0007"), event("cam-10", "0001"))).isEqualTo(3);
            assertThat(accepted(log, event("cam-1", "0007"))).as("the greatest id again").isZero();
            assertThat(accepted(log, event("cam-1", "0005"))).as("an earlier id again").isZero();
            assertThat(accepted(log, event("cam-1", "0006"))).as("a new id below the greatest").isEqualTo(1);
            assertThat(accepted(log, event("cam-1", "0006"), event("cam-1", "0008"), event("cam-1", "0008"))).isEqualTo(1);
            assertThat(accepted(log, event("cam-10", "0001"), event("cam-1", "0001"))).as("other sources' ids are their own").isEqualTo(1);
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            // each source's greatest key is read from the log again: a repeat of it after a restart is still one
            assertThat(accepted(log, event("cam-1", "0008"))).isZero();
            assertThat(accepted(log, event("cam-10", "0001"))).isZero();
            assertThat(accepted(log, event("cam-1", "0009"), event("cam-2", "0001"))).isEqualTo(2);
            assertThat(accepted(log, event("cam-1", "0009"), event("cam-2", "0001"))).isZero();
        }
    }
}
