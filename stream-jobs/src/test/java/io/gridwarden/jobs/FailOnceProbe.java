package io.gridwarden.jobs;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.source.Ticks;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * A test-only pass-through placed after the source that fails its task once: on the first event it
 * sees after the test {@link #arm}s it. Static, so every subtask of the MiniCluster (one JVM) shares it.
 */
final class FailOnceProbe implements MapFunction<LogRecord, LogRecord>, CheckpointListener {

    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();
    static final AtomicInteger COMPLETED_CHECKPOINTS = new AtomicInteger();

    static void reset() {
        ARMED.set(false);
        FAILURES.set(0);
        COMPLETED_CHECKPOINTS.set(0);
    }

    static void arm() {
        ARMED.set(true);
    }

    @Override
    public LogRecord map(LogRecord record) {
        if (!Ticks.isTick(record) && ARMED.compareAndSet(true, false)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected task failure at event log record " + record.partition() + "/" + record.offset());
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        COMPLETED_CHECKPOINTS.incrementAndGet();
    }
}
