package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.log.kafka.KafkaLogException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lag guard and the metrics read offsets from a snapshot; only the refresh asks the log (the broker). */
class CachedOffsetsLogTest {

    private static final String SOURCE = "Kafka at kafka-1:9092 (topic gridwarden.events)";
    private static final Duration STALE_AFTER = Duration.ofSeconds(12);

    private final OffsetsLog log = new OffsetsLog(new long[] {10, 20}, new long[] {5, 20});
    private final AtomicLong nanos = new AtomicLong();
    private final CachedOffsetsLog view = new CachedOffsetsLog(log, SOURCE, STALE_AFTER, nanos::get);

    @Test
    void shouldAnswerOffsetsAndLagFromTheSnapshotWithoutAskingTheLog() {
        int asked = log.queries.get();

        for (int request = 0; request < 1_000; request++) {
            assertThat(view.totalLag()).isEqualTo(5);
        }

        assertThat(view.endOffset(1)).isEqualTo(20);
        assertThat(view.acknowledged(0)).isEqualTo(5);
        assertThat(view.lag(0)).isEqualTo(5);
        assertThat(log.queries.get()).as("queries to the log after the first refresh").isEqualTo(asked);
    }

    @Test
    void shouldSeeTheLogsNewOffsetsOnlyAfterARefresh() {
        log.ends[0] = 1_010;

        assertThat(view.totalLag()).isEqualTo(5);
        view.refresh();
        assertThat(view.totalLag()).isEqualTo(1_005);
    }

    @Test
    void shouldFailTheReadinessProbeWhileTheBrokerDoesNotAnswerAndKeepTheLastOffsets() {
        log.failure = new KafkaLogException(KafkaLogException.Reason.BROKER_UNAVAILABLE, "could not find the end of partition 0");
        view.refresh();

        Throwable probe = failure(view.append(List.of()));
        assertThat(probe).isInstanceOf(KafkaLogException.class)
                .hasMessage(SOURCE + " does not answer: could not find the end of partition 0");
        assertThat(view.totalLag()).as("the last known lag").isEqualTo(5);

        log.failure = null;
        view.refresh();
        assertThat(view.append(List.of())).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void shouldCountASnapshotOlderThanStaleAfterAsUnreachable() {
        nanos.addAndGet(STALE_AFTER.toNanos());
        assertThat(view.append(List.of())).succeedsWithin(Duration.ofSeconds(1));

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(failure(view.append(List.of()))).hasMessage(SOURCE + " has not answered for 13 s");
    }

    @Test
    void shouldPassAppendsWithEntriesToTheLogEvenWhileTheBrokerDoesNotAnswer() {
        log.failure = new KafkaLogException(KafkaLogException.Reason.BROKER_UNAVAILABLE, "down");
        view.refresh();

        AppendResult result = view.append(List.of(new LogEntry("cam-0001", "k", new byte[1]))).join();

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(log.appended.get()).isEqualTo(1);
    }

    @Test
    void shouldRefreshOnItsOwnThreadEveryInterval() {
        try (CachedOffsetsLog refreshed = CachedOffsetsLog.refreshedEvery(Duration.ofMillis(20), log, SOURCE, STALE_AFTER)) {
            log.acknowledged[0] = 10;

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (refreshed.totalLag() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(refreshed.totalLag()).isZero();
        }
        assertThat(log.closed).as("closing the view closes the log").isTrue();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** A log of fixed offsets that counts the offset queries it answers and fails them while {@code failure} is set. */
    private static final class OffsetsLog implements RecordLog {
        final long[] ends;
        final long[] acknowledged;
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger appended = new AtomicInteger();
        volatile RuntimeException failure;
        volatile boolean closed;

        OffsetsLog(long[] ends, long[] acknowledged) {
            this.ends = ends;
            this.acknowledged = acknowledged;
        }

        @Override
        public int partitions() {
            return ends.length;
        }

        @Override
        public CompletableFuture<AppendResult> append(List<LogEntry> entries) {
            appended.addAndGet(entries.size());
            return CompletableFuture.completedFuture(new AppendResult(entries.size(), 0));
        }

        @Override
        public List<LogRecord> read(int partition, long fromOffset, int max) {
            return List.of();
        }

        @Override
        public long endOffset(int partition) {
            return answer(ends[partition]);
        }

        @Override
        public CompletableFuture<Void> awaitRecord(int partition, long offset) {
            return new CompletableFuture<>();
        }

        @Override
        public void acknowledge(int partition, long offset) {
            acknowledged[partition] = offset;
        }

        @Override
        public long acknowledged(int partition) {
            return answer(acknowledged[partition]);
        }

        private long answer(long offset) {
            queries.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return offset;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
