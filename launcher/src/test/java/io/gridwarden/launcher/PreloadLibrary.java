package io.gridwarden.launcher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** A small C library of the test resources, built with the system's C compiler, to preload into the real process. */
final class PreloadLibrary {

    private PreloadLibrary() {}

    /** Builds resource {@code source} into {@code workDir}; skips the test where there is no C compiler. */
    static Path build(Path workDir, String source) throws Exception {
        Path c = workDir.resolve(source);
        try (InputStream in = PreloadLibrary.class.getClassLoader().getResourceAsStream(source)) {
            Files.copy(in, c, StandardCopyOption.REPLACE_EXISTING);
        }
        Path library = workDir.resolve(source.replace(".c", ".so"));
        int exit;
        try {
            Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-o", library.toString(), c.toString(), "-ldl")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            exit = cc.waitFor(60, TimeUnit.SECONDS) ? cc.exitValue() : -1;
        } catch (IOException noCompiler) {
            exit = -1;
        }
        assumeTrue(exit == 0, "building " + source + " needs a C compiler (cc): the test is skipped here");
        return library;
    }

    /** Replaces {@code file}'s content at once (readers never see it half-written). */
    static void write(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
