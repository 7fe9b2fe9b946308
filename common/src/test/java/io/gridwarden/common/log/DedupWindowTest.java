package io.gridwarden.common.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupWindowTest {

    private static final Duration WINDOW = Duration.ofHours(25);

    @TempDir
    Path dir;

    private static List<LogEntry> event(String id) {
        return List.of(new LogEntry("cam-1", "cam-1/" + id, id.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("A repeat within the window is a duplicate, also after a reopen")
    void shouldRecogniseRepeatsWithinTheWindowAcrossReopen() throws Exception {
        LogSpec spec = LogSpec.of(dir, 1).withDedupWindow(WINDOW);
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            log.append(event("a")).join();
            log.sweep(System.currentTimeMillis() + WINDOW.minusMinutes(1).toMillis());
        }
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            assertThat(log.append(event("a")).join()).isEqualTo(new AppendResult(0, 1));
        }
    }

    @Test
    @DisplayName("A key older than the window is forgotten, and its repeat is stored again")
    void shouldForgetKeysOlderThanTheWindow() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1).withDedupWindow(WINDOW))) {
            log.append(event("old")).join();
            Thread.sleep(50);
            long between = System.currentTimeMillis();
            Thread.sleep(50);
            log.append(event("recent")).join();

            log.sweep(between + WINDOW.toMillis());

            assertThat(log.append(event("old")).join()).isEqualTo(new AppendResult(1, 0));
            assertThat(log.append(event("recent")).join()).isEqualTo(new AppendResult(0, 1));
        }
    }

    @Test
    @DisplayName("A short window expires keys on the sweeper's own schedule")
    void shouldExpireKeysPeriodically() throws Exception {
        LogSpec spec = LogSpec.of(dir, 1).withDedupWindow(Duration.ofMillis(50)).withSweepInterval(Duration.ofMillis(20));
        try (RocksRecordLog log = RocksRecordLog.open(spec)) {
            log.append(event("a")).join();
            Thread.sleep(300);

            assertThat(log.append(event("a")).join().accepted()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("Forgetting more keys than one chunk forgets them all")
    void shouldForgetManyKeys() throws Exception {
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 2).withDedupWindow(WINDOW))) {
            for (int round = 0; round < 25; round++) {
                var batch = new java.util.ArrayList<LogEntry>();
                for (int i = 0; i < 1000; i++) {
                    batch.add(new LogEntry("cam-" + i, "k-" + round + "-" + i, new byte[] {1}));
                }
                log.append(batch).join();
            }
            log.sweep(System.currentTimeMillis() + WINDOW.toMillis() + 1000);

            assertThat(log.append(List.of(new LogEntry("cam-1", "k-0-0", new byte[] {1}),
                    new LogEntry("cam-2", "k-24-999", new byte[] {1}))).join()).isEqualTo(new AppendResult(2, 0));
        }
    }
}
