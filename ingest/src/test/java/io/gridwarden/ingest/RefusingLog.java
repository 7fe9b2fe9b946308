package io.gridwarden.ingest;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A log whose every append fails with the given error: a saturated or broken event log. */
final class RefusingLog implements RecordLog {

    private final RuntimeException error;

    RefusingLog(RuntimeException error) {
        this.error = error;
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public CompletableFuture<AppendResult> append(List<LogEntry> entries) {
        return CompletableFuture.failedFuture(error);
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
