package io.gridwarden.alerting;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An event log on a failing disk: every append fails with the storage engine's own words, the kind
 * of internal text (paths, engine errors) an API must log and never show its clients.
 */
final class BrokenDiskLog implements RecordLog {

    static final String INTERNAL_TEXT = "IO error: /var/lib/gridwarden/events/000042.log: No space left on device";

    @Override
    public int partitions() {
        return 4;
    }

    @Override
    public CompletableFuture<AppendResult> append(List<io.gridwarden.common.log.LogEntry> entries) {
        return CompletableFuture.failedFuture(new IllegalStateException(INTERNAL_TEXT));
    }

    @Override
    public List<LogRecord> read(int partition, long fromOffset, int max) {
        return List.of();
    }

    @Override
    public long endOffset(int partition) {
        return 0;
    }

    @Override
    public CompletableFuture<Void> awaitRecord(int partition, long offset) {
        return new CompletableFuture<>();
    }

    @Override
    public void acknowledge(int partition, long offset) {}

    @Override
    public long acknowledged(int partition) {
        return 0;
    }

    @Override
    public void close() {}
}
