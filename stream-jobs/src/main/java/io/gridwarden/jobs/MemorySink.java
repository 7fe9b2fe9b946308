package io.gridwarden.jobs;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.replay.ActionTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A replay's sink: keeps the actions of the window in this JVM's memory, under the replay's own key, for
 * the caller to take when the job has finished. Nothing goes to the action log, so nothing reaches a device.
 * The replay runs on a MiniCluster in the caller's JVM, so the writers and the caller share the map.
 */
final class MemorySink implements Sink<Action> {

    private static final Map<String, Queue<Action>> RUNS = new ConcurrentHashMap<>();

    private final String run;
    private final long fromMillis;
    private final long untilMillis;

    MemorySink(String run, Instant from, Instant until) {
        this.run = run;
        this.fromMillis = from.toEpochMilli();
        this.untilMillis = until.toEpochMilli();
        RUNS.put(run, new ConcurrentLinkedQueue<>());
    }

    /** The actions the run kept, forgotten here. */
    List<Action> take() {
        Queue<Action> kept = RUNS.remove(run);
        return kept == null ? List.of() : List.copyOf(kept);
    }

    @Override
    public SinkWriter<Action> createWriter(WriterInitContext context) {
        Queue<Action> kept = RUNS.get(run);
        Instant from = Instant.ofEpochMilli(fromMillis);
        Instant until = Instant.ofEpochMilli(untilMillis);
        return new SinkWriter<>() {
            @Override
            public void write(Action action, Context context) {
                if (ActionTime.within(action, from, until)) {
                    kept.add(action);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
