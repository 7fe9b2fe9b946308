package io.gridwarden.log.rocksdb;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a log lives, how it is partitioned and how long it keeps what it holds: enough to open it
 * from any component of the same process (a Flink source or sink carries this, not the open log).
 *
 * @param retention     how long a record is kept at least; a record is deleted only once it is older than
 *                      this <em>and</em> below its partition's acknowledged offset. Zero keeps records forever.
 * @param dedupWindow   how long a de-duplication key is remembered (the contract asks for at least 24 h). Zero
 *                      remembers keys forever.
 * @param sweepInterval how often expired records are deleted
 * @param commitDelay   how long a group commit waits for more appends when one arrives alone right after a commit
 *                      (the previous commit ended less than this before), so that one fsync acknowledges more of
 *                      them; an append after a quiet moment, or a group that found others already waiting, is
 *                      written at once. Zero: never waits. At most {@link #MAX_COMMIT_DELAY}.
 */
public record LogSpec(String directory, int partitions, int maxPendingAppends, Duration retention, Duration dedupWindow,
                      Duration sweepInterval, Duration commitDelay) implements Serializable {

    public static final int DEFAULT_MAX_PENDING_APPENDS = 8192;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(25);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_COMMIT_DELAY = Duration.ofMillis(100);

    public LogSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("a log needs at least one partition, got " + partitions);
        }
        if (maxPendingAppends < 1) {
            throw new IllegalArgumentException("maxPendingAppends must be positive, got " + maxPendingAppends);
        }
        requireNotNegative("retention", retention);
        requireNotNegative("dedupWindow", dedupWindow);
        requireNotNegative("sweepInterval", sweepInterval);
        if (sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive, e.g. " + DEFAULT_SWEEP_INTERVAL);
        }
        requireNotNegative("commitDelay", commitDelay);
        if (commitDelay.compareTo(MAX_COMMIT_DELAY) > 0) {
            throw new IllegalArgumentException("commitDelay must be at most " + MAX_COMMIT_DELAY.toMillis() + " ms, got " + commitDelay);
        }
    }

    /**
     * A log with the default retention (7 days), de-duplication window (25 h) and sweep interval (1 min), whose commits
     * never wait for more appends.
     */
    public LogSpec(String directory, int partitions, int maxPendingAppends) {
        this(directory, partitions, maxPendingAppends, DEFAULT_RETENTION, DEFAULT_DEDUP_WINDOW, DEFAULT_SWEEP_INTERVAL, Duration.ZERO);
    }

    public static LogSpec of(Path directory, int partitions) {
        return new LogSpec(directory.toAbsolutePath().normalize().toString(), partitions, DEFAULT_MAX_PENDING_APPENDS);
    }

    public Path path() {
        return Path.of(directory);
    }

    public LogSpec withRetention(Duration newRetention) {
        return new LogSpec(directory, partitions, maxPendingAppends, newRetention, dedupWindow, sweepInterval, commitDelay);
    }

    public LogSpec withDedupWindow(Duration newWindow) {
        return new LogSpec(directory, partitions, maxPendingAppends, retention, newWindow, sweepInterval, commitDelay);
    }

    public LogSpec withSweepInterval(Duration newInterval) {
        return new LogSpec(directory, partitions, maxPendingAppends, retention, dedupWindow, newInterval, commitDelay);
    }

    public LogSpec withCommitDelay(Duration newDelay) {
        return new LogSpec(directory, partitions, maxPendingAppends, retention, dedupWindow, sweepInterval, newDelay);
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
    }
}
