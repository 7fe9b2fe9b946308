package io.gridwarden.bench;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.StampedEvents;
import io.gridwarden.loadgen.FrameBatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Event decoding, the CPU cost of every event on its way in and out of the log: ingest's
 * {@link EventCodec#parseStamped} of a 100-event detection batch (what the HTTP handler does per
 * request) and of one event, and the jobs' {@link EventCodec#decode} of one stored event.
 *
 * <p>Scores are operations per second on one thread: {@code batch} is batches (×100 for events/s),
 * {@code single} and {@code decode} are events. Bodies rotate over a few distinct batches, as
 * {@code FrameBatches} makes them for the load generator (0–2 cars a frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventDecodingBenchmark {

    /** Events in a batch request, as the load generator and the suite send them. */
    public static final int BATCH_SIZE = 100;
    private static final int DISTINCT_BODIES = 16;

    private final List<byte[]> batches = new ArrayList<>();
    private final List<byte[]> singles = new ArrayList<>();
    private final List<byte[]> stored = new ArrayList<>();
    private Instant now;
    private int next;

    @Setup
    public void setUp() {
        var frames = new FrameBatches("jmh");
        now = Instant.now();
        for (int i = 0; i < DISTINCT_BODIES; i++) {
            byte[] batch = frames.next("cam-0003", BATCH_SIZE);
            StampedEvents stamped = EventCodec.parseStamped(batch, now);
            if (!stamped.parsed().valid()) {
                throw new IllegalStateException("benchmark batch is invalid: " + stamped.parsed().problems());
            }
            batches.add(batch);
            singles.add(frames.events("cam-0003", 1).get(0));
            stored.add(stamped.payloads().get(i));
        }
    }

    private int nextIndex() {
        next = (next + 1) % DISTINCT_BODIES;
        return next;
    }

    @Benchmark
    public StampedEvents batch() {
        return EventCodec.parseStamped(batches.get(nextIndex()), now);
    }

    @Benchmark
    public StampedEvents single() {
        return EventCodec.parseStamped(singles.get(nextIndex()), now);
    }

    @Benchmark
    public Object decode() {
        return EventCodec.decode(stored.get(nextIndex()));
    }
}
