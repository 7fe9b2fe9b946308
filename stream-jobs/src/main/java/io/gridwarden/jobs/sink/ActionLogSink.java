package io.gridwarden.jobs.sink;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes actions to the action log, idempotently by action id (a replay after a failure re-appends
 * the same ids, and the log stores each once).
 *
 * <p>Appends are asynchronous; {@code flush} (called before every checkpoint) waits for all of them,
 * so a completed checkpoint implies every action before it is durable. The action log has one
 * partition ({@link #PARTITION_KEY}), so its offsets are one global sequence for alerting to follow.
 */
public final class ActionLogSink implements Sink<Action> {

    /** Every action goes to the same partition: a single, totally ordered sequence. */
    public static final String PARTITION_KEY = "actions";

    private final LogSpec actionLog;

    public ActionLogSink(LogSpec actionLog) {
        this.actionLog = actionLog;
    }

    @Override
    public SinkWriter<Action> createWriter(WriterInitContext context) {
        return new Writer(actionLog);
    }

    private static final class Writer implements SinkWriter<Action> {
        /** Appends in flight before {@code write} waits for the oldest: bounds memory under load. */
        private static final int MAX_IN_FLIGHT = 1024;
        private static final long OVERLOAD_BACKOFF_MILLIS = 10;

        private final LogSpec spec;
        private final RecordLog log;
        private final ArrayDeque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();

        Writer(LogSpec spec) {
            this.spec = spec;
            this.log = LogRegistry.acquire(spec);
        }

        @Override
        public void write(Action action, Context context) throws IOException, InterruptedException {
            List<LogEntry> entry = List.of(new LogEntry(PARTITION_KEY, action.id(), ActionCodec.encode(action)));
            CompletableFuture<AppendResult> append = log.append(entry);
            while (append.isCompletedExceptionally() && overloaded(append)) {
                Thread.sleep(OVERLOAD_BACKOFF_MILLIS); // back-pressure instead of failing the job
                append = log.append(entry);
            }
            inFlight.add(append);
            if (inFlight.size() > MAX_IN_FLIGHT) {
                await(inFlight.poll());
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            while (!inFlight.isEmpty()) {
                await(inFlight.poll());
            }
        }

        private static boolean overloaded(CompletableFuture<AppendResult> append) {
            try {
                append.join();
                return false;
            } catch (RuntimeException e) {
                return e.getCause() instanceof LogOverloadedException;
            }
        }

        private void await(CompletableFuture<AppendResult> append) throws IOException, InterruptedException {
            try {
                append.get();
            } catch (ExecutionException e) {
                throw new IOException("could not append to the action log " + spec.directory() + ": " + e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public void close() {
            LogRegistry.release(spec);
        }
    }
}
