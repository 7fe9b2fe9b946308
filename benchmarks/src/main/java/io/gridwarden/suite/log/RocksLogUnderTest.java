package io.gridwarden.suite.log;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.suite.peers.ScratchDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** gridwarden's event log, opened directly: group-committed, fsynced appends with de-duplication keys, as ingest makes them. */
public final class RocksLogUnderTest implements ClosedLoopAppends.DurableLog {

    private final RocksRecordLog log;
    private final Path directory;
    private final AtomicLong sequence = new AtomicLong();

    public RocksLogUnderTest(Path directory, int partitions) {
        this.directory = directory;
        this.log = RocksRecordLog.open(LogSpec.of(directory, partitions));
    }

    @Override
    public void appendDurably(String key, List<byte[]> events) throws Exception {
        List<LogEntry> entries = new ArrayList<>(events.size());
        for (byte[] event : events) {
            entries.add(new LogEntry(key, key + "/" + sequence.incrementAndGet(), event));
        }
        log.append(entries).get();
    }

    @Override
    public void close() {
        log.close();
        ScratchDirectory.delete(directory);
    }
}
