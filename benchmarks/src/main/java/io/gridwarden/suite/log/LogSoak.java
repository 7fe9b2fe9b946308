package io.gridwarden.suite.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.suite.peers.ScratchDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The event log as it grows, the way a city fills it over hours: closed-loop appenders write batches of
 * camera frames whose ids are random UUIDs (the worst case for de-duplication keys: nothing shared, nothing
 * in order), and every interval the soak reports the append rate and p99, the process's resident memory
 * and the bytes on disk per event. It also re-sends a sample of events appended earlier in the run and
 * counts how many come back as duplicates: all of them should, however many keys the log holds.
 */
public final class LogSoak {

    /** What one interval showed. */
    public record Interval(double elapsedSeconds, long events, double eventsPerSecond, double p99Millis, long residentBytes,
                           long heapUsedBytes, long diskBytes, long walBytes, int resent, int resentDuplicates) {

        double diskBytesPerEvent() {
            return events == 0 ? 0 : (double) diskBytes / events;
        }
    }

    /** A reservoir of keys appended so far, to re-send: a uniform sample of the whole run, in bounded memory. */
    private static final class Reservoir {
        private final String[] sources;
        private final String[] ids;
        private final SplittableRandom random = new SplittableRandom(1);
        private long seen;

        Reservoir(int size) {
            sources = new String[size];
            ids = new String[size];
        }

        synchronized void offer(String source, String id) {
            seen++;
            long slot = seen <= sources.length ? seen - 1 : random.nextLong(seen);
            if (slot < sources.length) {
                sources[(int) slot] = source;
                ids[(int) slot] = id;
            }
        }

        synchronized List<LogEntry> sample(int count, byte[] payload) {
            int filled = (int) Math.min(seen, sources.length);
            List<LogEntry> out = new ArrayList<>();
            for (int i = 0; i < Math.min(count, filled); i++) {
                int at = random.nextInt(filled);
                out.add(entry(sources[at], ids[at], payload));
            }
            return out;
        }
    }

    private final Path directory;
    private final int partitions;
    private final int appenders;
    private final int batchSize;
    private final int cameras;
    private volatile boolean stopping;

    public LogSoak(Path directory, int partitions, int appenders, int batchSize, int cameras) {
        this.directory = directory;
        this.partitions = partitions;
        this.appenders = appenders;
        this.batchSize = batchSize;
        this.cameras = cameras;
    }

    /** Appends until {@code totalEvents} are stored or {@code maxDuration} is up, reporting every {@code every}. */
    public List<Interval> run(long totalEvents, Duration maxDuration, Duration every, int resend, PrintStream out)
            throws InterruptedException {
        var recorder = new Recorder(3);
        var stored = new AtomicLong();
        var failed = new AtomicLong();
        var reservoir = new Reservoir(100_000);
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        List<Interval> intervals = new ArrayList<>();
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(directory, partitions))) {
            List<Thread> threads = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                long seed = a;
                Thread t = new Thread(() -> appendUntil(log, seed, totalEvents, deadline, stored, failed, recorder, reservoir),
                        "soak-appender-" + a);
                t.start();
                threads.add(t);
            }
            long lastEvents = 0;
            long lastAt = start;
            byte[] resendPayload = new FrameBatches("resend").events("cam-00001", 1).get(0);
            while (threads.stream().anyMatch(Thread::isAlive)) {
                long wakeAt = lastAt + every.toNanos();
                while (System.nanoTime() < wakeAt && threads.stream().anyMatch(Thread::isAlive)) {
                    Thread.sleep(100);
                }
                long now = System.nanoTime();
                long events = stored.get();
                Histogram h = recorder.getIntervalHistogram();
                List<LogEntry> again = reservoir.sample(resend, resendPayload);
                int duplicates = again.isEmpty() ? 0 : log.append(again).join().duplicates();
                Runtime rt = Runtime.getRuntime();
                var interval = new Interval(round((now - start) / 1e9), events,
                        round((events - lastEvents) / ((now - lastAt) / 1e9)), round(h.getValueAtPercentile(99) / 1e6),
                        residentBytes(), rt.totalMemory() - rt.freeMemory(), diskBytes(directory, ""),
                        diskBytes(directory, ".log"), again.size(), duplicates);
                intervals.add(interval);
                out.printf("%6.0fs  %,13d events  %,9.0f ev/s  p99 %7.1f ms  RSS %,6d MB  heap %,5d MB  disk %,7d MB (%5.1f B/event; WAL %,d MB)"
                                + "  re-sent %,d: %,d duplicates%n",
                        interval.elapsedSeconds(), events, interval.eventsPerSecond(), interval.p99Millis(),
                        interval.residentBytes() >> 20, interval.heapUsedBytes() >> 20, interval.diskBytes() >> 20,
                        interval.diskBytesPerEvent(), interval.walBytes() >> 20, interval.resent(), interval.resentDuplicates());
                lastEvents = events;
                lastAt = now;
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        if (failed.get() > 0) {
            out.printf("%,d appends failed%n", failed.get());
        }
        return intervals;
    }

    private void appendUntil(RocksRecordLog log, long seed, long totalEvents, long deadline, AtomicLong stored,
                             AtomicLong failed, Recorder recorder, Reservoir reservoir) {
        var random = new SplittableRandom(seed);
        var frames = new FrameBatches("soak-" + seed);
        while (!stopping && stored.get() < totalEvents && System.nanoTime() < deadline) {
            String camera = String.format("cam-%05d", random.nextInt(cameras) + 1);
            List<byte[]> payloads = frames.events(camera, batchSize);
            List<LogEntry> entries = new ArrayList<>(payloads.size());
            List<String> ids = new ArrayList<>(payloads.size());
            for (byte[] payload : payloads) {
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                ids.add(id);
                entries.add(entry(camera, id, payload));
            }
            long begin = System.nanoTime();
            try {
                AppendResult result = log.append(entries).join();
                recorder.recordValue(System.nanoTime() - begin);
                stored.addAndGet(result.accepted());
                for (String id : ids) { // only once stored: a re-send racing the first append would be the first
                    if (random.nextInt(64) == 0) {
                        reservoir.offer(camera, id);
                    }
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        }
    }

    /** An event as ingest appends it: partitioned by its source, de-duplicated by (source, id) in ingest's key form. */
    private static LogEntry entry(String source, String id, byte[] payload) {
        return new LogEntry(source, source + '\u0000' + id, payload);
    }

    /** Has the appenders stop after their current append; {@link #run} then reports once more and closes the log. */
    public void stop() {
        stopping = true;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** This process's resident set (VmRSS), which counts RocksDB's native memory as well as the heap. */
    static long residentBytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Bytes of the files under {@code directory} whose names end with {@code suffix} ("": all). */
    static long diskBytes(Path directory, String suffix) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(suffix)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // deleted by RocksDB while we walked
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "Fill gridwarden's event log (opened in this process) with random-id camera frames and report, "
                    + "as it grows, the append rate and p99, resident memory, disk bytes per event, and whether "
                    + "re-sent earlier events are still caught as duplicates.")
    public static final class SoakCommand implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "100000000", description = "Events to store. Default: ${DEFAULT-VALUE}")
        long events;
        @Option(names = "--max-duration", defaultValue = "PT1H", description = "Stop then at the latest. Default: ${DEFAULT-VALUE}")
        Duration maxDuration;
        @Option(names = "--every", defaultValue = "PT30S", description = "Report interval. Default: ${DEFAULT-VALUE}")
        Duration every;
        @Option(names = "--appenders", defaultValue = "8", description = "Concurrent appenders. Default: ${DEFAULT-VALUE}")
        int appenders;
        @Option(names = "--batch", defaultValue = "100", description = "Events per append. Default: ${DEFAULT-VALUE}")
        int batch;
        @Option(names = "--cameras", defaultValue = "10000", description = "Distinct sources. Default: ${DEFAULT-VALUE}")
        int cameras;
        @Option(names = "--partitions", defaultValue = "8", description = "Log partitions. Default: ${DEFAULT-VALUE}")
        int partitions;
        @Option(names = "--resend", defaultValue = "1000", description = "Earlier events re-sent each interval. Default: ${DEFAULT-VALUE}")
        int resend;
        @Option(names = "--dir", description = "The log's directory (must not exist). Default: a scratch directory, deleted at the end.")
        Path dir;
        @Option(names = "--out", description = "Write the intervals as JSON here.")
        Path out;

        @Override
        public Integer call() throws Exception {
            boolean scratch = dir == null;
            Path directory = scratch ? Files.createTempDirectory("gridwarden-soak") : dir;
            if (!scratch && Files.exists(directory)) {
                System.err.println("--dir " + directory + " exists; the soak needs a new directory");
                return 2;
            }
            var soak = new LogSoak(directory, partitions, appenders, batch, cameras);
            Thread main = Thread.currentThread();
            Thread onSignal = new Thread(() -> { // Ctrl-C: close the log before the JVM goes, not under RocksDB's threads
                soak.stop();
                try {
                    main.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                List<Interval> intervals = soak.run(events, maxDuration, every, resend, System.out);
                if (out != null) {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), intervals);
                }
                boolean allCaught = intervals.stream().allMatch(i -> i.resentDuplicates() == i.resent());
                if (!allCaught) {
                    System.out.println("some re-sent events were stored again: de-duplication missed them");
                }
                return allCaught ? 0 : 1;
            } finally {
                if (scratch) {
                    ScratchDirectory.delete(directory);
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is what woke us: it is running and waits for this thread to end
                }
            }
        }
    }
}
