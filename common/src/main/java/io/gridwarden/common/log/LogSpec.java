package io.gridwarden.common.log;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a log lives and how it is partitioned: enough to open it from any component of the same
 * process (a Flink source or sink carries this, not the open log).
 */
public record LogSpec(String directory, int partitions, int maxPendingAppends) implements Serializable {

    public LogSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("a log needs at least one partition, got " + partitions);
        }
        if (maxPendingAppends < 1) {
            throw new IllegalArgumentException("maxPendingAppends must be positive, got " + maxPendingAppends);
        }
    }

    public static LogSpec of(Path directory, int partitions) {
        return new LogSpec(directory.toAbsolutePath().normalize().toString(), partitions, 8192);
    }

    public Path path() {
        return Path.of(directory);
    }
}
