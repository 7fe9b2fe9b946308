package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.RecordLog;

import java.util.HashMap;
import java.util.Map;

/**
 * The logs open in this process. RocksDB allows one handle per directory per process, and in the
 * embedded default ingest, the Flink jobs and alerting all share the same logs: each acquires the
 * log by its spec and releases it when done; the last release closes it.
 */
public final class LogRegistry {

    private static final Map<String, Handle> OPEN = new HashMap<>();
    /** Read-only views of logs another process owns ({@link SecondaryRecordLog}), by directory. */
    private static final Map<String, Reader> READING = new HashMap<>();

    private LogRegistry() {}

    public static synchronized RecordLog acquire(LogSpec spec) {
        if (READING.containsKey(spec.directory())) {
            throw new IllegalStateException("log " + spec.directory() + " is open read-only in this process; it cannot also be written");
        }
        Handle handle = OPEN.get(spec.directory());
        if (handle == null) {
            handle = new Handle(RocksRecordLog.open(spec));
            OPEN.put(spec.directory(), handle);
        } else if (handle.log.partitions() != spec.partitions()) {
            throw new IllegalStateException("log " + spec.directory() + " is open with " + handle.log.partitions()
                    + " partitions, asked for " + spec.partitions());
        }
        handle.references++;
        return handle.log;
    }

    public static synchronized void release(LogSpec spec) {
        Handle handle = OPEN.get(spec.directory());
        if (handle != null && --handle.references == 0) {
            OPEN.remove(spec.directory());
            handle.log.close();
        }
    }

    /**
     * The log for reading only, for a replay that must not disturb the process that owns it: the handle this
     * process has open (ingest's, the jobs'), else a read-only view of the log as it is now, which takes no
     * lock and never writes ({@link SecondaryRecordLog}), so a running {@code gridwarden run} elsewhere goes
     * on undisturbed. Release it with {@link #releaseForReading}; never write through it.
     */
    public static synchronized RecordLog acquireForReading(LogSpec spec) {
        if (OPEN.containsKey(spec.directory())) {
            return acquire(spec);
        }
        Reader reader = READING.computeIfAbsent(spec.directory(), d -> new Reader(SecondaryRecordLog.open(spec)));
        reader.references++;
        return reader.log;
    }

    public static synchronized void releaseForReading(LogSpec spec) {
        Reader reader = READING.get(spec.directory());
        if (reader == null) {
            release(spec);
        } else if (--reader.references == 0) {
            READING.remove(spec.directory());
            reader.log.close();
        }
    }

    private static final class Reader {
        final SecondaryRecordLog log;
        int references;

        Reader(SecondaryRecordLog log) {
            this.log = log;
        }
    }

    private static final class Handle {
        final RocksRecordLog log;
        int references;

        Handle(RocksRecordLog log) {
            this.log = log;
        }
    }
}
