package io.gridwarden.testsupport;

import io.gridwarden.common.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory for what the tests of one JVM share (a town file, a command secret their processes all
 * read), deleted when that JVM exits, so a test run leaves nothing in {@code /tmp}.
 */
public final class RunScratch {

    private RunScratch() {}

    /** A new directory named {@code prefix…} under the JVM's temporary directory, deleted at the JVM's exit. */
    public static Path directory(String prefix) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Directories.deleteTree(dir);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }, "delete " + dir.getFileName()));
        return dir;
    }
}
