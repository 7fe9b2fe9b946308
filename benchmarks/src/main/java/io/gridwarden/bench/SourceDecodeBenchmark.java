package io.gridwarden.bench;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.StampedEvents;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.loadgen.FrameBatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The job's per-event cost on its source thread: the timestamp assigner's device time, then the decoder's
 * full decode, of the bytes the event log holds for the load generator's camera frames (0–2 passing cars,
 * demo-town camera ids), stamped by ingest's own {@link EventCodec#parseStamped}.
 *
 * <ul>
 *   <li>{@code parsedTwice}: records stored without their device time (the layout before it was stored):
 *   the assigner parses the payload for {@code time}, then the decoder parses it whole.</li>
 *   <li>{@code parsedOnce}: records with the device time ingest stored beside them: the assigner reads
 *   it from the record, the decoder parses once.</li>
 *   <li>{@code compactOnce}: as {@code parsedOnce}, the event stored in the compact form the embedded log
 *   now holds ({@code StoredForm.COMPACT}), not as JSON.</li>
 *   <li>{@code deviceTimeParse} and {@code deviceTimeStored}: the assigner alone, each way.</li>
 * </ul>
 * Scores are microseconds per event on one thread ({@code us/op}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SourceDecodeBenchmark {

    private static final int DISTINCT_EVENTS = 256;
    private static final int DEMO_TOWN_CAMERAS = 134;

    private final List<LogRecord> untimed = new ArrayList<>();
    private final List<LogRecord> timed = new ArrayList<>();
    private final List<LogRecord> compact = new ArrayList<>();
    private final TimestampAssigner<LogRecord> assigner =
            new LogClockWatermarks(LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY).createTimestampAssigner(null);
    private int next;

    @Setup
    public void setUp() {
        var frames = new FrameBatches("jmh");
        Instant now = Instant.now();
        for (int i = 0; i < DISTINCT_EVENTS; i++) {
            String camera = String.format(Locale.ROOT, "cam-%04d", 1 + i % DEMO_TOWN_CAMERAS);
            StampedEvents stamped = EventCodec.parseStamped(frames.next(camera, 1), now);
            if (!stamped.parsed().valid()) {
                throw new IllegalStateException("benchmark frame is invalid: " + stamped.parsed().problems());
            }
            byte[] payload = stamped.payloads().get(0);
            long deviceTime = stamped.parsed().events().get(0).time().toEpochMilli();
            untimed.add(new LogRecord(0, i, now.toEpochMilli(), payload));
            timed.add(new LogRecord(0, i, now.toEpochMilli(), payload, deviceTime));
            byte[] compactPayload = StoredForm.COMPACT.encode(stamped.parsed().events().get(0).withIngestTime(now));
            compact.add(new LogRecord(0, i, now.toEpochMilli(), compactPayload, deviceTime));
        }
    }

    private int nextIndex() {
        next = (next + 1) % DISTINCT_EVENTS;
        return next;
    }

    @Benchmark
    public Object parsedTwice() {
        return sourceAndDecode(untimed.get(nextIndex()));
    }

    @Benchmark
    public Object parsedOnce() {
        return sourceAndDecode(timed.get(nextIndex()));
    }

    @Benchmark
    public Object compactOnce() {
        return sourceAndDecode(compact.get(nextIndex()));
    }

    @Benchmark
    public long deviceTimeParse() {
        return assigner.extractTimestamp(untimed.get(nextIndex()), Long.MIN_VALUE);
    }

    @Benchmark
    public long deviceTimeStored() {
        return assigner.extractTimestamp(timed.get(nextIndex()), Long.MIN_VALUE);
    }

    private Object sourceAndDecode(LogRecord record) {
        long timestamp = assigner.extractTimestamp(record, Long.MIN_VALUE);
        var event = EventCodec.decode(record.payload());
        return timestamp == event.time().toEpochMilli() ? event : null;
    }
}
