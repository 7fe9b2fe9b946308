package io.gridwarden.log.rocksdb;

import org.rocksdb.Env;
import org.rocksdb.Priority;
import org.rocksdb.RocksDB;

/**
 * The background threads of the process's RocksDB: one {@link Env} serves every database a JVM opens, the logs'
 * and Flink's state backend's alike, so its thread pools are the process's, not a database's.
 *
 * <p><b>Flushes.</b> Each database asks for the flush threads it wants alone (one, at two background jobs), and
 * the pool takes the largest ask: left so, one thread flushed for the whole process. A stream job's checkpoint
 * flushes every operator's memtables at once and waits for them on the operator's thread, so that wait queued
 * behind the other operators' flushes and behind the event log's own (40 MB memtables, 175 ms each at 50,000
 * events/s): the camera operator's checkpoint hold reached 242 ms. With {@value #FLUSH_THREADS} flush threads
 * its worst was 111 ms in the same run (benchmarks/results/2026-12-05/checkpoint-flush/).
 *
 * <p><b>Compactions</b> may take their time but must not take the cores from the log's writer and the event
 * loops: their bursts of a second or two of CPU were what pushed acks past 100 ms near the machine's limit, so
 * their pool runs at a lower CPU priority. Flushes keep theirs: niced flushes slowed the stream jobs' own state
 * too (a probe's due → action took 2.3 s at 50,000 events/s).
 *
 * <p>The compaction pool, too, takes the largest ask (one thread), and the event log's de-duplication keys,
 * random and ever more, make its compactions long: 40 to 55 s each, niced, after a quarter of an hour at
 * 100,000 events/s. Every other database's compactions queued behind them, so a job's state piled up level-0
 * files until a checkpoint's flush waited for compaction rather than stall writes, on the operator's thread:
 * detection stood still for 19–20 s, once a minute (benchmarks/results/2026-12-05/compaction-pool/). With
 * {@value #COMPACTION_THREADS} threads the log's long compaction has one and the other databases the other. Not
 * more: with three, compactions ran side by side and took the slack the event loops found free, and the p99
 * acknowledgement at 100,000 events/s over 10 minutes rose from 65 to 93 ms.
 */
public final class RocksThreads {

    /** Flush threads for the process: room for a checkpoint's flushes beside a log's long one. */
    public static final int FLUSH_THREADS = 4;

    /** Compaction threads for the process: the event log's long one, and one for every other database's beside it. */
    public static final int COMPACTION_THREADS = 2;

    private RocksThreads() {}

    /**
     * Sets the process's pools up: idempotent (each call finds them set), and never shrinks a pool some database
     * enlarged. Called when a database is opened, a handful of times a process.
     */
    public static synchronized void configure() {
        RocksDB.loadLibrary();
        Env env = Env.getDefault();
        env.lowerThreadPoolCPUPriority(Priority.LOW);
        if (env.getBackgroundThreads(Priority.HIGH) < FLUSH_THREADS) {
            env.setBackgroundThreads(FLUSH_THREADS, Priority.HIGH);
        }
        if (env.getBackgroundThreads(Priority.LOW) < COMPACTION_THREADS) {
            env.setBackgroundThreads(COMPACTION_THREADS, Priority.LOW);
        }
    }
}
