package io.gridwarden.launcher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A size-limited filesystem of its own (tmpfs) at a directory, for tests that fill the disk. Needs root. */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code dir}; skips the test where mounting is not permitted. */
    static Tmpfs mount(Path dir, int megabytes) throws Exception {
        Files.createDirectories(dir);
        int exit = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()));
        assumeTrue(exit == 0, "mounting a tmpfs needs root (CAP_SYS_ADMIN) and a mount binary: the disk-full test is skipped here");
        return new Tmpfs(dir);
    }

    long freeBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes {@code bytes} bytes of zeros to {@code file}. */
    static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }

    @Override
    public void close() throws Exception {
        run(List.of("umount", "-l", dir.toString()));
    }

    private static int run(List<String> command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException noSuchCommand) {
            return -1;
        }
    }
}
