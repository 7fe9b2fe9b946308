package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.AppendResult;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

class DedupWindowTest {

    private static final Duration WINDOW = Duration.ofHours(25);

    @TempDir
    Path dir;

    /** The log's clock, moved by hand: starts now, so RocksDB's own ttl bookkeeping sees sane times. */
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    private static List<LogEntry> event(String id) {
        return List.of(new LogEntry("cam-1", "cam-1/" + id, id.getBytes(StandardCharsets.UTF_8)));
    }

    private RocksRecordLog open(LogSpec spec) {
        return RocksRecordLog.open(spec, clock::get);
    }

    @Test
    @DisplayName("A repeat within the window is a duplicate, also after a reopen")
    void shouldRecogniseRepeatsWithinTheWindowAcrossReopen() {
        LogSpec spec = LogSpec.of(dir, 1).withDedupWindow(WINDOW);
        try (RocksRecordLog log = open(spec)) {
            log.append(event("a")).join();
        }
        clock.addAndGet(WINDOW.minusMinutes(1).toMillis());
        try (RocksRecordLog log = open(spec)) {
            assertThat(log.append(event("a")).join()).isEqualTo(new AppendResult(0, 1));
        }
    }

    @Test
    @DisplayName("A key older than the window is forgotten, and its repeat is stored again; a younger one is not")
    void shouldForgetKeysOlderThanTheWindow() {
        try (RocksRecordLog log = open(LogSpec.of(dir, 1).withDedupWindow(WINDOW))) {
            log.append(event("old")).join();
            clock.addAndGet(100);
            log.append(event("recent")).join();

            clock.addAndGet(WINDOW.toMillis() - 50);

            assertThat(log.append(event("old")).join()).isEqualTo(new AppendResult(1, 0));
            assertThat(log.append(event("recent")).join()).isEqualTo(new AppendResult(0, 1));
            assertThat(log.append(event("old")).join()).as("remembered anew from its second append").isEqualTo(new AppendResult(0, 1));
        }
    }

    @Test
    @DisplayName("With a window of 0 a key is remembered for ever")
    void shouldRememberForEverWithoutAWindow() {
        try (RocksRecordLog log = open(LogSpec.of(dir, 1).withDedupWindow(Duration.ZERO))) {
            log.append(event("a")).join();
            clock.addAndGet(Duration.ofDays(3650).toMillis());

            assertThat(log.append(event("a")).join()).isEqualTo(new AppendResult(0, 1));
        }
    }

    @Test
    @DisplayName("Many keys across partitions age out together")
    void shouldForgetManyKeys() {
        try (RocksRecordLog log = open(LogSpec.of(dir, 2).withDedupWindow(WINDOW))) {
            for (int round = 0; round < 25; round++) {
                var batch = new ArrayList<LogEntry>();
                for (int i = 0; i < 1000; i++) {
                    batch.add(new LogEntry("cam-" + i, "k-" + round + "-" + i, new byte[] {1}));
                }
                log.append(batch).join();
            }
            clock.addAndGet(WINDOW.toMillis() + 1000);

            assertThat(log.append(List.of(new LogEntry("cam-1", "k-0-0", new byte[] {1}),
                    new LogEntry("cam-2", "k-24-999", new byte[] {1}))).join()).isEqualTo(new AppendResult(2, 0));
        }
    }

    @Test
    @DisplayName("Compaction drops the keys that have aged out of the window and keeps the others")
    void shouldDropAgedKeysInCompaction() throws Exception {
        long window = WINDOW.toMillis();
        long now = clock.get();
        try (LogFamilies families = new LogFamilies(1, window, clock::get);
             DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             WriteOptions writes = new WriteOptions();
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            RocksDB db = families.open(options, dir.toString());
            try {
                BatchBuilder batch = new BatchBuilder();
                DedupWindow dedup = new DedupWindow(db, families.dedup(), window);
                dedup.remember(batch, bytes("aged"), time(now - window - 1));
                dedup.remember(batch, bytes("young"), time(now - window + 60_000));
                try (var written = batch.build()) {
                    db.write(writes, written);
                }
                db.flush(flush, families.dedup());

                db.compactRange(families.dedup());

                assertThat(db.get(families.dedup(), bytes("aged"))).isNull();
                assertThat(db.get(families.dedup(), bytes("young"))).isNotNull();
                assertThat(dedup.remembered(List.of(bytes("young"), bytes("aged")), now)).containsExactly(true, false);
            } finally {
                families.closeHandles();
                db.close();
            }
        }
    }

    @Test
    @DisplayName("The de-dup family gathers sixteen level-0 files before merging them, not four, and then merges them into one run")
    void shouldCompactDedupKeysSixteenFlushesAtATime() throws Exception {
        try (LogFamilies families = new LogFamilies(1, WINDOW.toMillis(), clock::get);
             DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             WriteOptions writes = new WriteOptions();
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            RocksDB db = families.open(options, dir.toString());
            try {
                DedupWindow dedup = new DedupWindow(db, families.dedup(), WINDOW.toMillis());
                for (int file = 0; file < LogFamilies.DEDUP_LEVEL0_FILES; file++) {
                    BatchBuilder batch = new BatchBuilder();
                    for (int key = 0; key < 100; key++) { // every file spans the same keys, as every flush of real keys does
                        dedup.remember(batch, bytes(String.format("cam-%03d/%02d", key, file)), time(clock.get()));
                    }
                    try (var written = batch.build()) {
                        db.write(writes, written);
                    }
                    db.flush(flush, families.dedup());
                    if (file == LogFamilies.DEDUP_LEVEL0_FILES - 2) {
                        assertThat(db.getProperty(families.dedup(), "rocksdb.num-files-at-level0")).isEqualTo("15");
                        assertThat(db.getProperty(families.dedup(), "rocksdb.compaction-pending")).isEqualTo("0");
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                // universal compaction merges runs until fewer than sixteen are left: level 0's files but one at least
                while (Integer.parseInt(db.getProperty(families.dedup(), "rocksdb.num-files-at-level0")) > 1) {
                    assertThat(System.nanoTime()).as("the sixteenth file started a compaction of level 0").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(db.getProperty(families.dedup(), "rocksdb.num-files-at-level6")).isEqualTo("1");
                assertThat(dedup.remembered(List.of(bytes("cam-042/07"), bytes("cam-042/99")), clock.get())).containsExactly(true, false);
            } finally {
                families.closeHandles();
                db.close();
            }
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] time(long millis) {
        return ByteBuffer.allocate(8).putLong(millis).array();
    }
}
