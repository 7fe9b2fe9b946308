package io.gridwarden.log.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitDelayTest {

    /** The longest allowed: nothing but the delay puts two appends 20 ms apart into one commit. */
    private static final Duration DELAY = LogSpec.MAX_COMMIT_DELAY;

    @TempDir
    Path dir;

    private final List<Integer> groups = new CopyOnWriteArrayList<>();

    private RocksRecordLog open(Duration delay) {
        RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1).withCommitDelay(delay));
        log.observe(new LogObserver() {
            @Override
            public void committed(int appends, int records, long fsyncNanos) {
                groups.add(appends);
            }
        });
        return log;
    }

    private static List<LogEntry> event(String id) {
        return List.of(new LogEntry("cam-1", "cam-1/" + id, id.getBytes(StandardCharsets.UTF_8)));
    }

    /** Appends a, then b right after a's commit and c 20 ms after b; all three acknowledged. */
    private void appendThreeAfterABusyCommit(RocksRecordLog log, Duration quietBeforeB) throws InterruptedException {
        assertThat(log.append(event("a")).join()).isEqualTo(new AppendResult(1, 0));
        Thread.sleep(quietBeforeB.toMillis());
        CompletableFuture<AppendResult> b = log.append(event("b"));
        Thread.sleep(20);
        CompletableFuture<AppendResult> c = log.append(event("c"));
        assertThat(List.of(b.join(), c.join())).containsOnly(new AppendResult(1, 0));
        assertThat(log.read(0, 0, 10)).hasSize(3);
    }

    @Test
    @DisplayName("Appends arriving back to back share one fsync: the one right after a commit waits up to the delay for the next")
    void shouldGroupAppendsThatArriveBackToBack() throws Exception {
        try (RocksRecordLog log = open(DELAY)) {
            appendThreeAfterABusyCommit(log, Duration.ZERO);
        }
        assertThat(groups).containsExactly(1, 2);
    }

    @Test
    @DisplayName("An append after a quiet moment is written at once, without waiting for the next")
    void shouldNotDelayAnAppendAfterAQuietMoment() throws Exception {
        try (RocksRecordLog log = open(DELAY)) {
            appendThreeAfterABusyCommit(log, DELAY.plusMillis(100));
        }
        assertThat(groups).containsExactly(1, 1, 1);
    }

    @Test
    @DisplayName("A group that found others already waiting is written at once: under load the delay adds nothing")
    void shouldNotWaitWhenAppendsAreAlreadyQueued() throws Exception {
        CountDownLatch firstCommitting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir, 1).withCommitDelay(DELAY));
        log.observe(new LogObserver() {
            @Override
            public void committed(int appends, int records, long fsyncNanos) {
                if (firstCommitting.getCount() > 0) { // the writer, just after a's commit: b, c and d queue meanwhile
                    firstCommitting.countDown();
                    awaitQuietly(release);
                }
                groups.add(appends);
            }
        });
        try (log) {
            CompletableFuture<AppendResult> a = log.append(event("a"));
            assertThat(firstCommitting.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<AppendResult>> queued = List.of(log.append(event("b")), log.append(event("c")), log.append(event("d")));
            release.countDown();
            Thread.sleep(20);
            CompletableFuture<AppendResult> e = log.append(event("e"));
            assertThat(a.join()).isEqualTo(new AppendResult(1, 0));
            queued.forEach(q -> assertThat(q.join()).isEqualTo(new AppendResult(1, 0)));
            assertThat(e.join()).isEqualTo(new AppendResult(1, 0));
        }
        // with a wait, b, c and d would have waited for e (20 ms later, within the delay): 1, 4
        assertThat(groups).containsExactly(1, 3, 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("Without a delay each append that finds the writer idle is written alone")
    void shouldNotWaitWithoutADelay() throws Exception {
        try (RocksRecordLog log = open(Duration.ZERO)) {
            appendThreeAfterABusyCommit(log, Duration.ZERO);
        }
        assertThat(groups).containsExactly(1, 1, 1);
    }

    @Test
    @DisplayName("A delay below zero or above 100 ms is refused, naming the bound")
    void shouldRefuseADelayOutOfBounds() {
        LogSpec spec = LogSpec.of(dir, 1);
        assertThatThrownBy(() -> spec.withCommitDelay(Duration.ofMillis(-1))).hasMessageContaining("commitDelay must be zero or positive");
        assertThatThrownBy(() -> spec.withCommitDelay(Duration.ofMillis(101))).hasMessageContaining("at most 100 ms");
    }
}
