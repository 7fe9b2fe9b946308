package io.gridwarden.jobs.source;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Reads its partitions of the stored event log as fast as it can, up to {@code stopAtMillis} of append
 * time or the end the partition had when the reader got it, and ends.
 *
 * <p>Between two records more than a tick interval apart it emits the ticks the live reader emitted
 * while the partition was quiet (one per interval of the log's clock), and after the last record ticks
 * on up to {@code stopAtMillis}: the watermark advances as it did live, so a device's silence is
 * measured the same (see {@code DeviceHealth}'s leap rule). The replay assumes the live process was
 * running over the whole period: over a stretch when it was down the live job saw no ticks.
 */
final class ReplaySourceReader implements SourceReader<LogRecord, LogSplit> {

    private final LogSpec spec;
    private final long stopAtMillis;
    private final long tickMillis;
    private final Map<String, Progress> splits = new LinkedHashMap<>();
    private RecordLog log;
    private boolean noMoreSplits;
    private CompletableFuture<Void> splitsArrived = new CompletableFuture<>();

    /** Where the reader is in one partition; only the mailbox thread touches it. */
    private static final class Progress {
        final int partition;
        final long end;
        long next;
        long lastTime = Long.MIN_VALUE;
        SourceOutput<LogRecord> output;

        Progress(LogSplit split, long end) {
            this.partition = split.partition();
            this.next = split.nextOffset();
            this.end = end;
        }
    }

    ReplaySourceReader(LogSpec spec, long stopAtMillis, long tickMillis) {
        this.spec = spec;
        this.stopAtMillis = stopAtMillis;
        this.tickMillis = tickMillis;
    }

    @Override
    public void start() {
        log = LogRegistry.acquireForReading(spec);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<LogRecord> output) {
        if (splits.isEmpty()) {
            return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Progress> entry : splits.entrySet()) {
            Progress split = entry.getValue();
            if (split.output == null) {
                split.output = output.createOutputForSplit(entry.getKey());
            }
            if (!readBatch(split)) {
                tickUpTo(split, stopAtMillis);
                output.releaseOutputForSplit(entry.getKey());
                done.add(entry.getKey());
            }
        }
        done.forEach(splits::remove);
        return splits.isEmpty() && noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }

    /** Emits the next batch of the partition with the ticks between its records; false once the partition is done. */
    private boolean readBatch(Progress split) {
        if (split.next >= split.end) {
            return false;
        }
        List<LogRecord> batch = log.read(split.partition, split.next, LogSource.BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        for (LogRecord record : batch) {
            if (record.offset() >= split.end || record.appendTimeMillis() >= stopAtMillis) {
                return false;
            }
            tickUpTo(split, record.appendTimeMillis());
            split.output.collect(record);
            split.next = record.offset() + 1;
            split.lastTime = Math.max(split.lastTime, record.appendTimeMillis());
        }
        return true;
    }

    /** The ticks a quiet partition got live between its last record and {@code until} (exclusive). */
    private void tickUpTo(Progress split, long until) {
        if (split.lastTime == Long.MIN_VALUE) {
            return; // nothing read yet: the live job had no clock for the partition either
        }
        for (long t = split.lastTime + tickMillis; t < until; t += tickMillis) {
            split.output.collect(Ticks.tick(split.partition, t));
            split.lastTime = t;
        }
    }

    @Override
    public List<LogSplit> snapshotState(long checkpointId) {
        List<LogSplit> state = new ArrayList<>(splits.size());
        splits.values().forEach(s -> state.add(new LogSplit(s.partition, s.next)));
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return splits.isEmpty() && !noMoreSplits ? splitsArrived : CompletableFuture.completedFuture(null);
    }

    @Override
    public void addSplits(List<LogSplit> added) {
        added.forEach(split -> splits.put(split.splitId(), new Progress(split, log.endOffset(split.partition()))));
        splitsArrived.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        splitsArrived.complete(null);
    }

    @Override
    public void close() {
        if (log != null) {
            log = null;
            LogRegistry.releaseForReading(spec);
        }
    }
}
