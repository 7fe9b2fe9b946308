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

    private LogRegistry() {}

    public static synchronized RecordLog acquire(LogSpec spec) {
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

    private static final class Handle {
        final RocksRecordLog log;
        int references;

        Handle(RocksRecordLog log) {
            this.log = log;
        }
    }
}
