package io.gridwarden.testsupport;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An event log whose every append fails with the given error: a saturated log, or one on a failing disk. Holds nothing. */
public final class RefusingLog implements RecordLog {

    private final int partitions;
    private final RuntimeException error;

    /** One partition. */
    public RefusingLog(RuntimeException error) {
        this(1, error);
    }

    public RefusingLog(int partitions, RuntimeException error) {
        this.partitions = partitions;
        this.error = error;
    }

    @Override
    public int partitions() {
        return partitions;
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
