package io.gridwarden.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a process's temporary files under its data directory, {@code <data-dir>/tmp/<pid>}, rather than the machine's
 * {@code /tmp}: the native libraries RocksDB, LZ4 and Netty extract at each start, the embedded Flink cluster's
 * files (its RPC system's jar, blob and I/O directories, the job's working RocksDB state) and Vert.x's file cache.
 * They delete their files when the process stops; a process killed ({@code kill -9}, out of memory, power loss)
 * left them in {@code /tmp}, tens of megabytes a time and the job's whole working state. Now each start removes
 * what processes no longer running left under {@code <data-dir>/tmp}.
 *
 * <p>Done by setting {@code java.io.tmpdir} before anything reads it, so it is the first thing a command does. A
 * {@code -Djava.io.tmpdir} given on the command line is kept: whoever set it chose where temporary files go.
 */
final class ProcessTempDir {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTempDir.class);
    static final String TMP = "tmp";

    private ProcessTempDir() {}

    /** Claims {@code <dataDir>/tmp/<pid>} as this process's temporary directory; the directory, or null if it kept the JVM's. */
    static Path claim(Path dataDir) {
        if (setOnCommandLine(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            return null;
        }
        Path base = dataDir.resolve(TMP).toAbsolutePath();
        Path own = base.resolve(Long.toString(ProcessHandle.current().pid()));
        try {
            removeLeftovers(base);
            Files.createDirectories(own);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Temporary files stay in {}: could not use {} ({})", System.getProperty("java.io.tmpdir"), own, e.toString());
            return null;
        }
        System.setProperty("java.io.tmpdir", own.toString());
        return own;
    }

    /** Whether the JVM was started with its own {@code -Djava.io.tmpdir}. */
    static boolean setOnCommandLine(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(argument -> argument.startsWith("-Djava.io.tmpdir="));
    }

    /** Removes the directories under {@code base} of processes that no longer run (named by their pid); anything else stays. */
    static void removeLeftovers(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return;
        }
        List<Path> dead;
        try (Stream<Path> entries = Files.list(base)) {
            dead = entries.filter(ProcessTempDir::ofAProcessGone).toList();
        }
        for (Path directory : dead) {
            long bytes = deleteTree(directory);
            LOG.info("Removed {} MB of temporary files a stopped process left in {}", bytes / 1_000_000, directory);
        }
    }

    /** Deletes this process's own directory (at a clean stop, once everything in it is closed). */
    static void release(Path own) {
        if (own == null) {
            return;
        }
        try {
            deleteTree(own);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not remove {} at the stop ({}); the next start will", own, e.toString());
        }
    }

    private static boolean ofAProcessGone(Path entry) {
        String name = entry.getFileName().toString();
        if (!Files.isDirectory(entry) || !name.matches("[0-9]{1,19}")) {
            return false;
        }
        long pid = Long.parseLong(name);
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Deletes a directory and everything in it; the bytes the files took. */
    private static long deleteTree(Path root) throws IOException {
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    bytes += Files.size(path);
                }
                Files.deleteIfExists(path);
            }
        }
        return bytes;
    }
}
