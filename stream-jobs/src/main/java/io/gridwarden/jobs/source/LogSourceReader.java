package io.gridwarden.jobs.source;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.log.rocksdb.LogClock;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its partitions of the event log in batches and emits each record through its split's own
 * output, so that each partition has its own watermark and the source's watermark is their minimum.
 *
 * <p>It never spins: when nothing is left, {@link #isAvailable()} waits on the log's
 * {@code awaitRecord} signal of each partition, or on the tick interval, whichever comes first. A
 * partition that is read to its end and has had nothing new for the tick interval gets a tick (see
 * {@link Ticks}) stamped with the wall clock.
 *
 * <p>When a checkpoint completes, the reader acknowledges to the log the offsets it snapshotted for it
 * ({@link CheckpointedOffsets}): the log's retention never deletes what a restore could still need.
 */
final class LogSourceReader implements SourceReader<LogRecord, LogSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(LogSourceReader.class);

    private final LogSpec spec;
    private final long tickMillis;
    private final Map<String, Progress> splits = new LinkedHashMap<>();
    private final CheckpointedOffsets checkpointed = new CheckpointedOffsets();
    private RecordLog log;
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean tickTimerPending;
    private boolean acknowledgeFailing;
    /** The splits as the metrics thread may read them: a copy, replaced when splits are added. */
    private volatile List<Progress> published = List.of();
    private volatile RecordLog openLog;

    /** What the reader knows of one partition; only the mailbox thread touches it. */
    private static final class Progress {
        final int partition;
        long next;
        long lastAppendTime;
        long lastActivity;
        /** {@link #next} as of the last batch, for {@link #unreadRecords} on another thread. */
        volatile long read;
        CompletableFuture<Void> watched;
        SourceOutput<LogRecord> output;

        Progress(LogSplit split) {
            this.partition = split.partition();
            this.next = split.nextOffset();
            this.read = next;
        }
    }

    LogSourceReader(LogSpec spec, long tickMillis) {
        this.spec = spec;
        this.tickMillis = tickMillis;
    }

    @Override
    public void start() {
        log = LogRegistry.acquire(spec);
        openLog = log;
    }

    /**
     * Records of this reader's partitions in the log that it has not read yet: how far the job is behind what ingest
     * acknowledged (a batch or less while it keeps up). Unlike the log's lag, which counts to the last checkpoint,
     * it does not saw with checkpoints. Safe from any thread (the metrics reporter's).
     */
    long unreadRecords() {
        RecordLog current = openLog;
        if (current == null) {
            return 0;
        }
        long unread = 0;
        for (Progress split : published) {
            unread += Math.max(0, current.endOffset(split.partition) - split.read);
        }
        return unread;
    }

    @Override
    public InputStatus pollNext(ReaderOutput<LogRecord> output) {
        if (splits.isEmpty()) {
            output.markIdle(); // a reader without partitions must not hold back the watermark
            return InputStatus.NOTHING_AVAILABLE;
        }
        long now = LogClock.SYSTEM.millis(); // the log's time: ticks must not jump when the wall clock is set
        boolean emitted = false;
        for (Map.Entry<String, Progress> entry : splits.entrySet()) {
            Progress split = entry.getValue();
            if (split.output == null) {
                split.output = output.createOutputForSplit(entry.getKey());
            }
            List<LogRecord> batch = log.read(split.partition, split.next, LogSource.BATCH);
            for (LogRecord record : batch) {
                split.output.collect(record);
                split.next = record.offset() + 1;
                split.lastAppendTime = Math.max(split.lastAppendTime, record.appendTimeMillis());
                split.lastActivity = now;
                emitted = true;
            }
            split.read = split.next;
            if (batch.isEmpty() && now - split.lastActivity >= tickMillis) {
                split.output.collect(Ticks.tick(split.partition, Math.max(now, split.lastAppendTime)));
                split.lastActivity = now;
            }
        }
        return emitted ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<LogSplit> snapshotState(long checkpointId) {
        List<LogSplit> state = new ArrayList<>(splits.size());
        splits.values().forEach(s -> state.add(new LogSplit(s.partition, s.next)));
        checkpointed.snapshotted(checkpointId, state);
        return state;
    }

    /** The checkpoint is durable: the log may now forget, once they are old enough, the records before its offsets. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (log == null) {
            return; // closed
        }
        checkpointed.completed(checkpointId).ifPresent(done -> done.forEach(split -> acknowledge(split.partition(), split.nextOffset())));
    }

    /**
     * Acknowledging only lets the log delete old records: when the log cannot store it (its disk is full),
     * the job carries on and a later checkpoint acknowledges further. Said once, not at every checkpoint.
     */
    private void acknowledge(int partition, long offset) {
        try {
            log.acknowledge(partition, offset);
            acknowledgeFailing = false;
        } catch (RuntimeException e) {
            if (!acknowledgeFailing) {
                LOG.warn("could not acknowledge offsets to the event log ({}); it keeps the records until a later checkpoint"
                        + " acknowledges them", e.getMessage());
            }
            acknowledgeFailing = true;
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        checkpointed.aborted(checkpointId);
    }

    @Override
    public synchronized CompletableFuture<Void> isAvailable() {
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        CompletableFuture<Void> result = available;
        for (Progress split : splits.values()) {
            CompletableFuture<Void> signal = log.awaitRecord(split.partition, split.next);
            if (signal.isDone()) {
                result.complete(null);
                return result;
            }
            if (signal != split.watched) { // attach once per signal, or an idle partition collects callbacks
                split.watched = signal;
                signal.thenRun(this::wake);
            }
        }
        if (!splits.isEmpty() && !tickTimerPending) {
            tickTimerPending = true;
            // run on the JDK's one delay-scheduler thread: without an executor it would be the common pool, which on a
            // machine of two cores or fewer is a new thread per task (40 threads started a second, measured)
            CompletableFuture.delayedExecutor(tickMillis, TimeUnit.MILLISECONDS, Runnable::run).execute(this::tickDue);
        }
        return result;
    }

    private synchronized void tickDue() {
        tickTimerPending = false;
        available.complete(null);
    }

    private synchronized void wake() {
        available.complete(null);
    }

    @Override
    public void addSplits(List<LogSplit> added) {
        added.forEach(split -> splits.put(split.splitId(), new Progress(split)));
        published = List.copyOf(splits.values());
        wake();
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        if (log != null) {
            log = null;
            openLog = null;
            LogRegistry.release(spec);
        }
    }
}
