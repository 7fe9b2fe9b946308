package io.gridwarden.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits before a point until the machine has gone quiet, so that a system still working through the
 * backlog of its own overloaded point (a whole pipeline's jobs catch up for seconds after the load stops)
 * does not take the cores from the next system measured. Reads Linux's {@code /proc/stat}; elsewhere it
 * does not wait.
 */
final class QuietMachine {

    private static final Path STAT = Path.of("/proc/stat");
    /** Quiet: at least this share of the CPU idle over one sample. */
    private static final double IDLE_SHARE = 0.8;
    private static final Duration SAMPLE = Duration.ofMillis(500);

    private QuietMachine() {}

    /** Waits until a sample finds the machine quiet, or {@code atMost} has passed; returns how long it waited. */
    static Duration await(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            long[] before = cpuTicks();
            Thread.sleep(SAMPLE.toMillis());
            long[] after = cpuTicks();
            if (before == null || after == null || idleShare(before, after) >= IDLE_SHARE) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Share of CPU time idle between two readings of {idle, total} ticks. */
    static double idleShare(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0 ? 1 : (double) (after[0] - before[0]) / total;
    }

    /** {idle + iowait, total} ticks of all CPUs so far, or null where there is no /proc/stat. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal …
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {Long.parseLong(fields[4]) + Long.parseLong(fields[5]), total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
