package io.gridwarden.launcher;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogObserver;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.log.kafka.KafkaLogException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordLog} whose offsets (end, acknowledged, hence lag) are a snapshot that one thread of its own
 * refreshes every interval; everything else goes straight to the log it wraps.
 *
 * <p>Why: on Kafka each offset is a round trip to the broker, and ingest asks for the lag on every request
 * (its pipeline-behind guard, on an event loop) and the log metrics on every scrape. A lag a second old is
 * as good a guard; an event loop waiting on the broker is not.
 *
 * <p>The refresh also tells whether the broker answers. While the last refresh failed, or none has succeeded
 * for {@code staleAfter}, an empty append (ingest's readiness probe) fails saying so, and {@code /health/ready}
 * reports the event log down; appends with entries go to the log as ever, which fails them itself.
 */
final class CachedOffsetsLog implements RecordLog {

    private static final Logger LOG = LoggerFactory.getLogger(CachedOffsetsLog.class);

    /** The offsets as last read, and when ({@code nanoClock}). */
    private record Snapshot(long[] ends, long[] acknowledged, long takenNanos) {}

    private final RecordLog log;
    private final String source;
    private final Duration staleAfter;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService refresher;
    private volatile Snapshot snapshot;
    private volatile RuntimeException lastFailure;

    /**
     * @param source     what the log is, for messages: e.g. "Kafka at kafka-1:9092 (topic gridwarden.events)"
     * @param staleAfter a snapshot older than this means the broker does not answer
     */
    CachedOffsetsLog(RecordLog log, String source, Duration staleAfter, LongSupplier nanoClock) {
        this.log = log;
        this.source = source;
        this.staleAfter = staleAfter;
        this.nanoClock = nanoClock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-offsets-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long[] none = new long[log.partitions()];
        this.snapshot = new Snapshot(none, none, nanoClock.getAsLong());
        refresh();
    }

    /** A view over {@code log} read now, then refreshed every {@code interval} until {@link #close}. */
    static CachedOffsetsLog refreshedEvery(Duration interval, RecordLog log, String source, Duration staleAfter) {
        CachedOffsetsLog view = new CachedOffsetsLog(log, source, staleAfter, System::nanoTime);
        view.refresher.scheduleWithFixedDelay(view::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return view;
    }

    /** Reads every partition's offsets from the log; the first failure ends this refresh and is kept until one succeeds. */
    void refresh() {
        int partitions = log.partitions();
        long[] ends = new long[partitions];
        long[] acknowledged = new long[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                ends[p] = log.endOffset(p);
                acknowledged[p] = log.acknowledged(p);
            }
        } catch (RuntimeException e) {
            if (lastFailure == null) {
                LOG.warn("{} does not answer for its offsets (lag and metrics keep their last values): {}", source, e.getMessage());
            }
            lastFailure = e;
            return;
        }
        snapshot = new Snapshot(ends, acknowledged, nanoClock.getAsLong());
        if (lastFailure != null) {
            LOG.info("{} answers again", source);
            lastFailure = null;
        }
    }

    /** Why the broker counts as unreachable, or null when it answered lately. */
    String unreachable() {
        RuntimeException failure = lastFailure;
        if (failure != null) {
            return source + " does not answer: " + failure.getMessage();
        }
        long ageNanos = nanoClock.getAsLong() - snapshot.takenNanos;
        if (ageNanos > staleAfter.toNanos()) {
            return source + " has not answered for " + TimeUnit.NANOSECONDS.toSeconds(ageNanos) + " s";
        }
        return null;
    }

    @Override
    public int partitions() {
        return log.partitions();
    }

    @Override
    public boolean takesCompactEvents() {
        return log.takesCompactEvents();
    }

    @Override
    public int partitionOf(String partitionKey) {
        return log.partitionOf(partitionKey);
    }

    /** Appends through the log; an empty append (a readiness probe) fails at once while the broker does not answer. */
    @Override
    public CompletableFuture<AppendResult> append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            String why = unreachable();
            if (why != null) {
                return CompletableFuture.failedFuture(new KafkaLogException(KafkaLogException.Reason.BROKER_UNAVAILABLE, why));
            }
        }
        return log.append(entries);
    }

    @Override
    public List<LogRecord> read(int partition, long fromOffset, int max) {
        return log.read(partition, fromOffset, max);
    }

    /** The partition's end as last refreshed. */
    @Override
    public long endOffset(int partition) {
        return snapshot.ends[partition];
    }

    /** Asked of the log each time: a reader that waits for its own appends needs the end as it is now. */
    @Override
    public long appendedEnd(int partition) {
        return log.appendedEnd(partition);
    }

    @Override
    public CompletableFuture<Void> awaitRecord(int partition, long offset) {
        return log.awaitRecord(partition, offset);
    }

    @Override
    public void acknowledge(int partition, long offset) {
        log.acknowledge(partition, offset);
    }

    /** The partition's acknowledged offset as last refreshed. */
    @Override
    public long acknowledged(int partition) {
        return snapshot.acknowledged[partition];
    }

    /** From one snapshot, so end and acknowledged offset are of the same moment. */
    @Override
    public long lag(int partition) {
        Snapshot s = snapshot;
        return Math.max(0, s.ends[partition] - s.acknowledged[partition]);
    }

    @Override
    public long totalLag() {
        Snapshot s = snapshot;
        long total = 0;
        for (int p = 0; p < s.ends.length; p++) {
            total += Math.max(0, s.ends[p] - s.acknowledged[p]);
        }
        return total;
    }

    @Override
    public void observe(LogObserver observer) {
        log.observe(observer);
    }

    /** Stops refreshing and closes the log. */
    @Override
    public void close() {
        refresher.shutdownNow();
        log.close();
    }
}
