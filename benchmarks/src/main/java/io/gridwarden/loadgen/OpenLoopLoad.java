package io.gridwarden.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Sends event batches at a fixed rate, whatever the answers' speed (open loop), and records each
 * batch's latency from the moment it was <em>due</em>, not from when it actually left: a stalled
 * server shows up as latency instead of silently lowering the rate (no coordinated omission).
 * In-flight requests are capped so the generator's own memory stays bounded; a batch that waits
 * for a free slot still counts its wait.
 *
 * <p>Batches are built on the calling thread and sent by {@link BatchPoster}, one Vert.x event loop,
 * so the generator takes as little as it can of the cores it shares with the system under test.
 */
public final class OpenLoopLoad {

    /**
     * What to send. {@code devices} are camera ids whose demo tokens ({@code demo-<id>}) the targets know; with several
     * {@code targets} (ingest instances) the batches take turns, and a device sends to the same one throughout when
     * the number of devices is a multiple of the number of targets.
     */
    public record Settings(List<URI> targets, int eventsPerSecond, int batchSize, Duration duration, Duration warmup, int maxInFlight,
            List<String> devices) {

        public Settings {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no target to send to");
            }
        }

        public Settings(URI target, int eventsPerSecond, int batchSize, Duration duration, Duration warmup, int maxInFlight,
                List<String> devices) {
            this(List.of(target), eventsPerSecond, batchSize, duration, warmup, maxInFlight, devices);
        }

        /** The first target. */
        public URI target() {
            return targets.get(0);
        }
    }

    /**
     * Progress once a second: seconds elapsed, batches acknowledged so far, the p99 in ms of the answers that came in the
     * second just ended (null when none came).
     */
    public record Progress(long elapsedSeconds, long totalSeconds, long acked, Double p99Millis) {}

    public LoadResult run(Settings s, Consumer<Progress> progress) throws InterruptedException {
        return run(s, progress, false);
    }

    /**
     * As {@link #run(Settings, Consumer)}, but when {@code stopOnTime} it stops sending when warm-up and duration have
     * passed on the wall clock, even if the server was too slow to take every batch due by then (an overload run).
     */
    public LoadResult run(Settings s, Consumer<Progress> progress, boolean stopOnTime) throws InterruptedException {
        List<BatchPoster> posters = s.targets().stream().map(target -> new BatchPoster(target, s.maxInFlight())).toList();
        try {
            return run(s, progress, posters, stopOnTime);
        } finally {
            posters.forEach(BatchPoster::close);
        }
    }

    private static LoadResult run(Settings s, Consumer<Progress> progress, List<BatchPoster> posters, boolean stopOnTime) throws InterruptedException {
        var batches = new FrameBatches(Long.toString(System.nanoTime(), 36));
        var inFlight = new Semaphore(s.maxInFlight());
        var acked = new AtomicLong();
        var statuses = new Tally();
        long intervalNanos = Math.max(1, (long) (1e9 * s.batchSize() / s.eventsPerSecond()));
        long start = System.nanoTime();
        long measureFrom = start + s.warmup().toNanos();
        long end = measureFrom + s.duration().toNanos();
        var latencies = new AckLatencies(start);
        boolean measuring = false;
        for (long i = 0; ; i++) {
            long due = start + i * intervalNanos;
            if (due >= end || stopOnTime && System.nanoTime() >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!measuring && due >= measureFrom) {
                measuring = true;
                latencies.measureFrom(System.nanoTime()); // drop the warm-up
                acked.set(0);
                statuses.clear();
            }
            inFlight.acquire();
            String device = s.devices().get((int) (i % s.devices().size()));
            posters.get((int) (i % posters.size())).post(device, batches.next(device, s.batchSize()), (code, error) -> {
                latencies.record(System.nanoTime() - due);
                String status = error != null ? Tally.reason(error) : Integer.toString(code);
                if (due >= measureFrom) { // counted by when it was due: the rate held over the window
                    statuses.increment(status);
                    if (status.equals("202")) {
                        acked.incrementAndGet();
                    }
                }
                inFlight.release();
            });
            if (latencies.tick(System.nanoTime())) {
                progress.accept(new Progress(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                        (s.warmup().plus(s.duration())).toSeconds(), acked.get(), latencies.lastSecondP99Millis()));
            }
        }
        inFlight.acquire(s.maxInFlight()); // every answer is in
        long elapsed = s.duration().toNanos(); // batches due in the window, over the window (not the drain after it)
        Histogram all = latencies.finish();
        return LoadResult.of(s, all, acked.get() * s.batchSize() / (elapsed / 1e9), statuses.snapshot(), latencies.p99BySecondMillis());
    }
}
