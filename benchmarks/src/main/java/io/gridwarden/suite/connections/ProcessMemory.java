package io.gridwarden.suite.connections;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a process on this machine holds, read from outside it: its resident set and open files from
 * {@code /proc/<pid>}, its open-files limit, and (for a JVM) its heap after a full GC, through the JDK's
 * {@code jcmd}. Linux only; a figure that cannot be read is -1.
 */
public final class ProcessMemory {

    /** One reading: {@code heapUsedBytes} is -1 for a process that is not a JVM. */
    public record Reading(long heapUsedBytes, long heapCommittedBytes, long residentBytes, long openFiles) {}

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern MAX_OPEN_FILES = Pattern.compile("^Max open files\\s+(\\d+|unlimited)\\s+(\\d+|unlimited)");
    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private ProcessMemory() {}

    /** Reads {@code pid}; with {@code jvm}, after a full GC (so the heap figure is what is live, not what is garbage). */
    public static Reading read(long pid, boolean jvm) {
        long[] heap = !jvm ? new long[] {-1, -1} : pid == ProcessHandle.current().pid() ? ownHeapAfterGc() : heapAfterGc(pid);
        return new Reading(heap[0], heap[1], residentBytes(pid), openFiles(pid));
    }

    /** VmRSS of {@code /proc/<pid>/status}: heap, native memory, thread stacks, mapped code. */
    public static long residentBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The soft limit on open files (sockets count), from {@code /proc/<pid>/limits}; {@link Long#MAX_VALUE} when unlimited. */
    public static long openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                Matcher m = MAX_OPEN_FILES.matcher(line);
                if (m.find()) {
                    return m.group(1).equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(m.group(1));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** Files (sockets included) the process has open now. */
    public static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** {@code jcmd <pid> GC.run}, then {@code GC.heap_info}: the heap's used and committed bytes after a full GC. */
    static long[] heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        return heapUsed(jcmd(pid, "GC.heap_info"));
    }

    /** This JVM's heap after a full GC, without starting a {@code jcmd}. */
    private static long[] ownHeapAfterGc() {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new long[] {heap.getUsed(), heap.getCommitted()};
    }

    /** Parses {@code GC.heap_info}'s first line ("garbage-first heap   total 262144K, used 12345K …"): used and total bytes. */
    static long[] heapUsed(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? new long[] {Long.parseLong(m.group(2)) * 1024, Long.parseLong(m.group(1)) * 1024} : new long[] {-1, -1};
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
