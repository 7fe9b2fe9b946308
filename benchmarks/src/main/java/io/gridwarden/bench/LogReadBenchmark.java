package io.gridwarden.bench;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.StampedEvents;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.source.LogSource;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.suite.peers.ScratchDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The job's read of the event log: {@link RocksRecordLog} (a temp directory, one partition) holding the load
 * generator's frames in the compact form the embedded log stores, appended {@value #RUN} at a time (one stored
 * run each, as a group commit at 100,000 events/s makes them), read from the start {@value #POLL} records a read,
 * as the job's source polls. Score: microseconds per record read ({@code us/op}); run with {@code -prof gc} for
 * the bytes allocated per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogReadBenchmark {

    private static final int RUN = 700;
    private static final int RUNS = 128; // 89,600 records: 350 polls of 256 exactly
    /** The job's source's records a poll. */
    private static final int POLL = LogSource.BATCH;
    private static final int DEMO_TOWN_CAMERAS = 134;

    private Path directory;
    private RocksRecordLog log;
    private long next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("gridwarden-jmh-read");
        log = RocksRecordLog.open(LogSpec.of(directory, 1));
        var frames = new FrameBatches("jmh");
        Instant now = Instant.now();
        for (int r = 0; r < RUNS; r++) {
            List<LogEntry> run = new ArrayList<>(RUN);
            for (int i = 0; i < RUN; i++) {
                String camera = String.format(Locale.ROOT, "cam-%04d", 1 + i % DEMO_TOWN_CAMERAS);
                StampedEvents stamped = EventCodec.parseStamped(frames.next(camera, 1), now);
                var event = stamped.parsed().events().get(0);
                run.add(new LogEntry(camera, event.dedupKey(), StoredForm.COMPACT.encode(event.withIngestTime(now)),
                        event.time().toEpochMilli()));
            }
            log.append(run).join();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        ScratchDirectory.delete(directory);
    }

    /** One poll's read; the next starts where it left off, and after the last record again at the first. */
    @Benchmark
    @OperationsPerInvocation(POLL)
    public List<LogRecord> poll() {
        List<LogRecord> read = log.read(0, next, POLL);
        if (read.size() != POLL) {
            throw new IllegalStateException("read " + read.size() + " records from " + next + ", not " + POLL);
        }
        next = (read.get(POLL - 1).offset() + 1) % ((long) RUNS * RUN);
        return read;
    }
}
