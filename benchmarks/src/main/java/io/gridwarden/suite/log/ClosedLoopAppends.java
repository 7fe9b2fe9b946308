package io.gridwarden.suite.log;

import static io.gridwarden.loadgen.AckLatencies.millis;

import io.gridwarden.loadgen.FrameBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Durable appends as fast as a log takes them: {@code appenders} threads, each appending a batch of
 * detection events (one device's, the device id as key) and waiting until it is durable before the
 * next. Closed loop on purpose: it measures the log's capacity at that concurrency, not a latency
 * under a given rate (the HTTP and MQTT comparisons do that).
 */
public final class ClosedLoopAppends {

    /** A log under test: appends one batch and returns once it is durable. */
    public interface DurableLog extends AutoCloseable {
        void appendDurably(String key, List<byte[]> events) throws Exception;
    }

    /** Events per second made durable, and the append latency. */
    public record Figures(String system, int appenders, int batchSize, double eventsPerSecond, double p50Millis, double p99Millis, long failed) {}

    public Figures run(String system, DurableLog log, int appenders, int batchSize, Duration warmup, Duration duration) throws InterruptedException {
        var recorder = new Recorder(3);
        var events = new AtomicLong();
        var failed = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < appenders; a++) {
            String key = "cam-" + String.format("%04d", a + 1);
            Thread t = new Thread(() -> appendUntil(log, key, batchSize, measureFrom, end, recorder, events, failed), "appender-" + a);
            t.start();
            threads.add(t);
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        recorder.getIntervalHistogram();
        for (Thread t : threads) {
            t.join();
        }
        Histogram h = recorder.getIntervalHistogram();
        double seconds = duration.toNanos() / 1e9;
        return new Figures(system, appenders, batchSize, Math.round(events.get() / seconds * 10) / 10.0,
                millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)), failed.get());
    }

    private static void appendUntil(DurableLog log, String key, int batchSize, long measureFrom, long end, Recorder recorder,
            AtomicLong events, AtomicLong failed) {
        var batches = new FrameBatches(key + "-" + System.nanoTime());
        while (System.nanoTime() < end) {
            List<byte[]> batch = batches.events(key, batchSize);
            long begin = System.nanoTime();
            try {
                log.appendDurably(key, batch);
                long done = System.nanoTime();
                recorder.recordValue(done - begin);
                if (begin >= measureFrom && done <= end) {
                    events.addAndGet(batch.size());
                }
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

}
