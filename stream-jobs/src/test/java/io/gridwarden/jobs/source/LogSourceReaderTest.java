package io.gridwarden.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.common.log.RecordLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against a real two-partition log. */
class LogSourceReaderTest {

    private static final long TICK_MILLIS = 200;

    @TempDir
    Path dir;
    private LogSpec spec;
    private RecordLog log;
    private LogSourceReader reader;
    private final SplitOutputs output = new SplitOutputs();

    @BeforeEach
    void open() {
        spec = LogSpec.of(dir.resolve("events"), 2);
        log = LogRegistry.acquire(spec);
        reader = new LogSourceReader(spec, TICK_MILLIS);
        reader.start();
    }

    @AfterEach
    void close() {
        reader.close();
        LogRegistry.release(spec);
    }

    @Test
    void shouldEmitEachPartitionsRecordsThroughItsOwnSplitOutput() {
        append(0, "a", "b");
        append(1, "c");
        reader.addSplits(List.of(new LogSplit(0, 0), new LogSplit(1, 0)));

        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);

        assertThat(payloads(output.records("partition-0"))).containsExactly("a", "b");
        assertThat(payloads(output.records("partition-1"))).containsExactly("c");
        assertThat(reader.snapshotState(1)).containsExactlyInAnyOrder(new LogSplit(0, 2), new LogSplit(1, 1));
    }

    @Test
    @DisplayName("Counts the records of its partitions not read yet, from where each split starts, until a read takes them")
    void shouldCountTheRecordsItHasNotReadYet() {
        append(0, "a", "b", "c");
        append(1, "d", "e");
        assertThat(reader.unreadRecords()).as("no splits yet").isZero();

        reader.addSplits(List.of(new LogSplit(0, 1), new LogSplit(1, 0)));
        assertThat(reader.unreadRecords()).isEqualTo(4); // b, c and d, e

        reader.pollNext(output);
        assertThat(reader.unreadRecords()).isZero();

        append(1, "f");
        assertThat(reader.unreadRecords()).isEqualTo(1);
    }

    @Test
    void shouldResumeFromTheCheckpointedOffset() {
        append(0, "a", "b", "c");
        reader.addSplits(List.of(new LogSplit(0, 2)));
        reader.pollNext(output);
        assertThat(payloads(output.records("partition-0"))).containsExactly("c");
    }

    @Test
    void shouldTickACaughtUpQuietPartitionWithTheWallClock() throws Exception {
        append(0, "a");
        reader.addSplits(List.of(new LogSplit(0, 0)));
        reader.pollNext(output);
        long appendTime = output.records("partition-0").get(0).appendTimeMillis();
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(output.records("partition-0")).hasSize(1); // caught up, but not quiet for long enough yet

        reader.isAvailable().get(5, TimeUnit.SECONDS); // the tick timer wakes the reader
        long before = System.currentTimeMillis();
        reader.pollNext(output);

        LogRecord tick = output.records("partition-0").get(1);
        assertThat(Ticks.isTick(tick)).isTrue();
        assertThat(tick.appendTimeMillis()).isGreaterThanOrEqualTo(Math.max(appendTime, before));
        assertThat(reader.snapshotState(2)).containsExactly(new LogSplit(0, 1)); // a tick does not move the offset
    }

    @Test
    void shouldBecomeAvailableWhenARecordIsAppended() throws Exception {
        reader.close();
        reader = new LogSourceReader(spec, 600_000); // no tick timer will wake it within the test
        reader.start();
        reader.addSplits(List.of(new LogSplit(1, 0)));
        reader.pollNext(output);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(available).isNotDone();

        append(1, "late");
        available.get(5, TimeUnit.SECONDS);
        reader.pollNext(output);
        assertThat(payloads(output.records("partition-1").stream().filter(r -> !Ticks.isTick(r)).toList())).containsExactly("late");
    }

    @Test
    @DisplayName("A completed checkpoint acknowledges the offsets snapshotted for it, not the reader's current ones")
    void shouldAcknowledgeTheOffsetsOfTheCompletedCheckpoint() {
        append(0, "a", "b");
        append(1, "c");
        reader.addSplits(List.of(new LogSplit(0, 0), new LogSplit(1, 0)));
        reader.pollNext(output);
        reader.snapshotState(7);
        append(0, "d");
        reader.pollNext(output);
        reader.snapshotState(8);

        assertThat(log.acknowledged(0)).isZero(); // a snapshot alone acknowledges nothing
        reader.notifyCheckpointComplete(7);

        assertThat(log.acknowledged(0)).isEqualTo(2);
        assertThat(log.acknowledged(1)).isEqualTo(1);
        reader.notifyCheckpointComplete(8);
        assertThat(log.acknowledged(0)).isEqualTo(3);
    }

    @Test
    @DisplayName("An aborted checkpoint acknowledges nothing")
    void shouldNotAcknowledgeAnAbortedCheckpoint() {
        append(0, "a");
        reader.addSplits(List.of(new LogSplit(0, 0)));
        reader.pollNext(output);
        reader.snapshotState(3);

        reader.notifyCheckpointAborted(3);
        reader.notifyCheckpointComplete(3);

        assertThat(log.acknowledged(0)).isZero();
    }

    private void append(int partition, String... payloads) {
        String key = keyFor(partition);
        List<LogEntry> entries = new ArrayList<>();
        for (String p : payloads) {
            entries.add(new LogEntry(key, null, p.getBytes(StandardCharsets.UTF_8)));
        }
        log.append(entries).join();
    }

    private String keyFor(int partition) {
        for (int i = 0; ; i++) {
            if (log.partitionOf("device-" + i) == partition) {
                return "device-" + i;
            }
        }
    }

    private static List<String> payloads(List<LogRecord> records) {
        return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    /** Collects what the reader emits, per split. */
    private static final class SplitOutputs implements ReaderOutput<LogRecord> {
        private final Map<String, List<LogRecord>> bySplit = new HashMap<>();

        List<LogRecord> records(String split) {
            return bySplit.getOrDefault(split, List.of());
        }

        @Override
        public SourceOutput<LogRecord> createOutputForSplit(String splitId) {
            List<LogRecord> records = bySplit.computeIfAbsent(splitId, id -> new ArrayList<>());
            return new SourceOutput<>() {
                @Override
                public void collect(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void collect(LogRecord record, long timestamp) {
                    records.add(record);
                }

                @Override
                public void emitWatermark(Watermark watermark) {}

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
        }

        @Override
        public void collect(LogRecord record) {
            throw new AssertionError("records must go through their split's output");
        }

        @Override
        public void collect(LogRecord record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
