package io.gridwarden.jobs.source;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.LogSpec;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source over the stored event log, for replays: every partition from its first stored record
 * up to (not including) the first record appended at or after {@code stopAtMillis}, read through
 * {@code LogRegistry.acquireForReading} (never written, never acknowledged).
 *
 * <p>The live source's ticks are not stored, so this one makes them again from the log's own times
 * ({@link ReplaySourceReader}): the watermark moves through a quiet stretch in the same small steps as
 * it did live, and every timer fires between the same records.
 */
public final class ReplaySource implements Source<LogRecord, LogSplit, Collection<LogSplit>> {

    private final LogSpec log;
    private final long stopAtMillis;

    public ReplaySource(LogSpec log, long stopAtMillis) {
        this.log = log;
        this.stopAtMillis = stopAtMillis;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<LogSplit, Collection<LogSplit>> createEnumerator(SplitEnumeratorContext<LogSplit> context) {
        return new ReplaySplitEnumerator(context, IntStream.range(0, log.partitions()).mapToObj(p -> new LogSplit(p, 0)).toList());
    }

    @Override
    public SplitEnumerator<LogSplit, Collection<LogSplit>> restoreEnumerator(SplitEnumeratorContext<LogSplit> context,
            Collection<LogSplit> unassigned) {
        return new ReplaySplitEnumerator(context, List.copyOf(unassigned));
    }

    @Override
    public SourceReader<LogRecord, LogSplit> createReader(SourceReaderContext context) {
        return new ReplaySourceReader(log, stopAtMillis, LogSource.TICK_INTERVAL.toMillis());
    }

    @Override
    public SimpleVersionedSerializer<LogSplit> getSplitSerializer() {
        return LogSplitSerializer.split();
    }

    @Override
    public SimpleVersionedSerializer<Collection<LogSplit>> getEnumeratorCheckpointSerializer() {
        return LogSplitSerializer.splits();
    }
}
