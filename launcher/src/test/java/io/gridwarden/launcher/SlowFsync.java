package io.gridwarden.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

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
        var slow = new SlowFsync(PreloadLibrary.build(workDir, "slow-fsync.c"), workDir.resolve("fsync-delay-millis"), dataDir.toAbsolutePath());
        slow.delay(0);
        return slow;
    }

    /** What the process needs in its environment to have its data directory on the slow disk. */
    Map<String, String> environment() {
        return Map.of("LD_PRELOAD", library.toString(), "SLOW_FSYNC_DIR", dataDir.toString(), "SLOW_FSYNC_CONTROL", control.toString());
    }

    /** From now on each fsync under the data directory takes {@code millis} longer (0: as the disk is). */
    void delay(long millis) throws IOException {
        PreloadLibrary.write(control, Long.toString(millis));
    }
}
