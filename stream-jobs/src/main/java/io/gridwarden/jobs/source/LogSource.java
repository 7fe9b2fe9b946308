package io.gridwarden.jobs.source;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.metrics.ExportedName;
import io.gridwarden.log.rocksdb.LogSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source over the event log: one split per partition, offsets in Flink's checkpoints.
 *
 * <p>Besides the log's records it emits <em>ticks</em> (see {@link Ticks}): when a partition has been
 * read to its end and stays quiet, the reader emits a tick carrying the wall clock, so the event-time
 * clock (and every timer) keeps moving while devices say nothing. Readers must get the log through
 * {@code LogRegistry}, which shares the one open RocksDB handle of the process.
 */
public final class LogSource implements Source<LogRecord, LogSplit, Collection<LogSplit>> {

    /**
     * How long a caught-up partition stays quiet before the reader emits a tick for it. In a quiet town the
     * watermark moves in steps of this, so a decision falling due then waits up to one step beyond the device
     * delay allowance: at 50 ms the voice warning's p99 with no other traffic was 316 ms, at 10 ms 270 ms
     * (benchmarks/results/2026-12-06/quiet-ticks). Under steady load a partition is seldom quiet that long: ticks are few.
     */
    public static final Duration TICK_INTERVAL = Duration.ofMillis(10);
    /** Records read from a partition per poll: bounds the time between two checkpoint opportunities. */
    public static final int BATCH = 256;

    private final LogSpec log;

    public LogSource(LogSpec log) {
        this.log = log;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<LogSplit, Collection<LogSplit>> createEnumerator(SplitEnumeratorContext<LogSplit> context) {
        return new LogSplitEnumerator(context, IntStream.range(0, log.partitions()).mapToObj(p -> new LogSplit(p, 0)).toList());
    }

    @Override
    public SplitEnumerator<LogSplit, Collection<LogSplit>> restoreEnumerator(SplitEnumeratorContext<LogSplit> context,
            Collection<LogSplit> unassigned) {
        return new LogSplitEnumerator(context, unassigned);
    }

    @Override
    public SourceReader<LogRecord, LogSplit> createReader(SourceReaderContext context) {
        LogSourceReader reader = new LogSourceReader(log, TICK_INTERVAL.toMillis());
        context.metricGroup().setPendingRecordsGauge(reader::unreadRecords); // Flink's own name for it, in its web UI
        context.metricGroup().addGroup(ExportedName.GROUP).gauge("unreadRecords", reader::unreadRecords);
        return reader;
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
