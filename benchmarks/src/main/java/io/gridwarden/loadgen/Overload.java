package io.gridwarden.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Overload, then recovery: sends at a multiple of what gridwarden holds for a while ({@link OpenLoopLoad}),
 * sampling the process's resident memory every second, then sends single batches at a gentle pace and
 * measures how long after the overload ingest answers normally again: the first of
 * {@link #NORMAL_IN_A_ROW} batches in a row acknowledged (202) within {@link #NORMAL_LATENCY}.
 */
public final class Overload {

    static final int NORMAL_IN_A_ROW = 10;
    static final Duration NORMAL_LATENCY = Duration.ofMillis(100);
    private static final Duration PROBE_EVERY = Duration.ofMillis(100);
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    /** The process's resident memory at a second of the overload. */
    public record RssSample(long second, long rssMegabytes) {}

    /** The run's figures: the overload's own, memory over time, and the recovery. */
    public record Result(LoadResult overload, long rssMegabytesBefore, long rssMegabytesMax, long rssMegabytesAfter,
            List<RssSample> rssEverySecond, Long recoveredAfterMillis, List<String> recoveryProbes) {}

    public Result run(OpenLoopLoad.Settings overload, long pid, String camera) throws Exception {
        List<RssSample> samples = new ArrayList<>();
        long before = rssMegabytes(pid);
        LoadResult load = new OpenLoopLoad().run(overload, progress -> samples.add(new RssSample(progress.elapsedSeconds(), rssMegabytes(pid))), true);
        long max = samples.stream().mapToLong(RssSample::rssMegabytes).max().orElse(before);
        List<String> probes = new ArrayList<>();
        Long recovered = recover(overload.target(), camera, probes);
        return new Result(load, before, max, rssMegabytes(pid), samples, recovered, probes);
    }

    /** Milliseconds from the overload's end until ingest answers normally again; null if it did not within {@link #GIVE_UP}. */
    private static Long recover(URI target, String camera, List<String> probes) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var batches = new FrameBatches("recovery-" + System.nanoTime());
        long end = System.nanoTime();
        long firstNormal = -1;
        int inARow = 0;
        while (System.nanoTime() - end < GIVE_UP.toNanos()) {
            long sent = System.nanoTime();
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(target).header("Authorization", "Bearer demo-" + camera)
                        .header("Content-Type", "application/cloudevents-batch+json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(batches.next(camera, 10))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            }
            long latency = System.nanoTime() - sent;
            boolean normal = status == 202 && latency <= NORMAL_LATENCY.toNanos();
            if (probes.size() < 50 || normal) {
                probes.add((sent - end) / 1_000_000 + " ms: " + status + " in " + latency / 1_000_000 + " ms");
            }
            if (normal) {
                firstNormal = inARow == 0 ? sent : firstNormal;
                if (++inARow == NORMAL_IN_A_ROW) {
                    return (firstNormal - end) / 1_000_000;
                }
            } else {
                inARow = 0;
            }
            Thread.sleep(PROBE_EVERY.toMillis());
        }
        return null;
    }

    static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }
}
