package io.gridwarden.jobs.source;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One partition of the event log, and the offset of the next record to read from it.
 *
 * <p>This is all the source's progress: a checkpoint stores each split with its {@code nextOffset},
 * so a restore resumes exactly after the last record that was emitted before the checkpoint.
 */
public record LogSplit(int partition, long nextOffset) implements SourceSplit {

    private static final String PREFIX = "partition-";

    @Override
    public String splitId() {
        return PREFIX + partition;
    }

    public LogSplit at(long offset) {
        return new LogSplit(partition, offset);
    }
}
