package io.gridwarden.log.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecondaryRecordLogTest {

    @TempDir
    Path dir;

    private static List<LogEntry> events(String device, int count) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new LogEntry(device, device + "/" + i, (device + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    @Test
    void shouldReadWhatTheOwnerWroteWhileItKeepsWritingAndRefuseToWrite() {
        LogSpec spec = LogSpec.of(dir.resolve("events"), 2);
        try (RocksRecordLog owner = RocksRecordLog.open(spec)) { // another process's log: not in this process's registry
            owner.append(events("cam-1", 300)).join();
            int partition = owner.partitionOf("cam-1");

            RecordLog view = LogRegistry.acquireForReading(spec);
            try {
                owner.append(events("cam-2", 5)).join(); // the owner goes on undisturbed; the view does not see it
                assertThat(view.endOffset(partition)).isEqualTo(300);
                List<LogRecord> read = view.read(partition, 0, 1000);
                assertThat(read).hasSize(300);
                assertThat(new String(read.get(299).payload(), StandardCharsets.UTF_8)).isEqualTo("cam-1-299");
                assertThat(view.append(events("cam-3", 1))).isCompletedExceptionally();
                assertThatThrownBy(() -> view.acknowledge(partition, 10)).isInstanceOf(UnsupportedOperationException.class);
            } finally {
                LogRegistry.releaseForReading(spec);
            }
            assertThat(owner.acknowledged(partition)).isZero();
            assertThat(owner.endOffset(owner.partitionOf("cam-2"))).isPositive();
        }
    }

    @Test
    void shouldShareTheOwnersHandleWhenThisProcessHasTheLogOpen() {
        LogSpec spec = LogSpec.of(dir.resolve("events"), 1);
        RecordLog owned = LogRegistry.acquire(spec);
        try {
            assertThat(LogRegistry.acquireForReading(spec)).isSameAs(owned);
            LogRegistry.releaseForReading(spec);
        } finally {
            LogRegistry.release(spec);
        }
    }
}
