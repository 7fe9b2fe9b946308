package io.gridwarden.bench;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.suite.peers.ScratchDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The event log's durable append: {@link RocksRecordLog} (opened in a temp directory, 4 partitions)
 * taking 100-event detection batches, each call waiting until its batch is fsynced, as ingest waits
 * before it answers 202. From 1 thread and from 8 (concurrent requests share one fsync through the
 * group committer). Every batch has fresh de-duplication keys, so nothing is skipped as a duplicate.
 *
 * <p>Score: batches per second (×100 for events/s). A disk benchmark: figures depend on the disk's
 * fsync latency far more than on the CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogAppendBenchmark {

    private static final int BATCH_SIZE = 100;
    private static final int PARTITIONS = 4;

    private Path directory;
    private RocksRecordLog log;
    private List<byte[]> events;
    private final AtomicLong sequence = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("gridwarden-jmh-log");
        log = RocksRecordLog.open(LogSpec.of(directory, PARTITIONS));
        events = new FrameBatches("jmh").events("cam-0003", BATCH_SIZE);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        ScratchDirectory.delete(directory);
    }

    /** Each appending thread is a camera of its own, so the threads spread over the partitions. */
    @State(Scope.Thread)
    public static class Appender {
        private static final AtomicLong CAMERAS = new AtomicLong();
        final String camera = String.format("cam-%04d", CAMERAS.incrementAndGet());
    }

    private AppendResult appendBatch(Appender appender) {
        List<LogEntry> entries = new ArrayList<>(BATCH_SIZE);
        for (byte[] event : events) {
            entries.add(new LogEntry(appender.camera, appender.camera + '\u0000' + sequence.incrementAndGet(), event));
        }
        AppendResult result = log.append(entries).join();
        if (result.accepted() != BATCH_SIZE) {
            throw new IllegalStateException("expected every event stored, got " + result);
        }
        return result;
    }

    @Benchmark
    @Threads(1)
    public AppendResult oneThread(Appender appender) {
        return appendBatch(appender);
    }

    @Benchmark
    @Threads(8)
    public AppendResult eightThreads(Appender appender) {
        return appendBatch(appender);
    }
}
