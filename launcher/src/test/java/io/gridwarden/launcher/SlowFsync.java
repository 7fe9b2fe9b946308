package io.gridwarden.launcher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A slow disk for the real process's data directory: {@code slow-fsync.c}, built here with the system's C
 * compiler and preloaded into the process, makes each fsync/fdatasync under the directory wait as long as
 * {@link #delay} says, changeable while the process runs. RocksDB and Flink call the real libc functions,
 * so the process sees what a disk with slow flushes does to it.
 */
final class SlowFsync {

    private final Path library;
    private final Path control;
    private final Path dataDir;

    private SlowFsync(Path library, Path control, Path dataDir) {
        this.library = library;
        this.control = control;
        this.dataDir = dataDir;
    }

    /** Builds the library into {@code workDir}; skips the test where there is no C compiler. */
    static SlowFsync build(Path workDir, Path dataDir) throws Exception {
        Path source = workDir.resolve("slow-fsync.c");
        try (InputStream in = SlowFsync.class.getClassLoader().getResourceAsStream("slow-fsync.c")) {
            Files.copy(in, source);
        }
        Path library = workDir.resolve("libslowfsync.so");
        int exit;
        try {
            Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-o", library.toString(), source.toString(), "-ldl")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            exit = cc.waitFor(60, TimeUnit.SECONDS) ? cc.exitValue() : -1;
        } catch (IOException noCompiler) {
            exit = -1;
        }
        assumeTrue(exit == 0, "building the slow-fsync library needs a C compiler (cc): the slow-disk test is skipped here");
        var slow = new SlowFsync(library, workDir.resolve("fsync-delay-millis"), dataDir.toAbsolutePath());
        slow.delay(0);
        return slow;
    }

    /** What the process needs in its environment to have its data directory on the slow disk. */
    Map<String, String> environment() {
        return Map.of("LD_PRELOAD", library.toString(), "SLOW_FSYNC_DIR", dataDir.toString(), "SLOW_FSYNC_CONTROL", control.toString());
    }

    /** From now on each fsync under the data directory takes {@code millis} longer (0: as the disk is). */
    void delay(long millis) throws IOException {
        Path next = control.resolveSibling(control.getFileName() + ".next");
        Files.writeString(next, Long.toString(millis));
        Files.move(next, control, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
