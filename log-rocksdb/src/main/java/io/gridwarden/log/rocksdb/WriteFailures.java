package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.LogStorageFullException;
import java.time.Duration;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed group commit tells the appenders, and one log line when the disk fills up and one when
 * the log writes again. When a write finds the disk full, RocksDB stops writing (a background error) and
 * polls the free space every few seconds; once there is room for a memtable flush ({@link #RESUME_HEADROOM})
 * it flushes, switches to a new write-ahead log and resumes by itself (RocksJava has no {@code DB::Resume}).
 * Until then every write fails at once with the same error. Only the writer thread calls this.
 */
final class WriteFailures {

    /** Free space RocksDB waits for before it resumes: the largest memtable of any family (the de-duplication keys', 64 MB). */
    static final String RESUME_HEADROOM = "64 MB";
    private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);

    private final String directory;
    private long fullSinceNanos = -1;

    WriteFailures(String directory) {
        this.directory = directory;
    }

    /** The failure to hand every append of the failed group. */
    Throwable failed(Throwable failure) {
        if (!isNoSpace(failure)) {
            return failure;
        }
        if (fullSinceNanos < 0) {
            fullSinceNanos = System.nanoTime();
            LOG.error("DISK FULL: the log in {} cannot write ({}). Appends are refused until space is freed; the log writes again by"
                    + " itself within seconds once at least {} are free on that disk.", directory, failure.getMessage(), RESUME_HEADROOM);
        }
        return new LogStorageFullException("the disk holding the log is full");
    }

    /** A group was written: if the disk was full, it is no longer. */
    void succeeded() {
        if (fullSinceNanos >= 0) {
            LOG.warn("The log in {} writes again, {} s after its disk filled up.", directory,
                    Duration.ofNanos(System.nanoTime() - fullSinceNanos).toSeconds());
            fullSinceNanos = -1;
        }
    }

    static boolean isNoSpace(Throwable failure) {
        return failure instanceof RocksDBException e && e.getStatus() != null && e.getStatus().getSubCode() == Status.SubCode.NoSpace;
    }
}
