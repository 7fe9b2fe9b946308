package io.gridwarden.suite.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes what a system under test wrote once it is closed. A suite run stores tens of gigabytes (an
 * ingest alone keeps every event; the log comparison appends for minutes); left behind, a few runs
 * filled this machine's disk.
 */
public final class ScratchDirectory {

    private ScratchDirectory() {}

    /** Deletes {@code directory} and everything under it; nothing happens when it does not exist. */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
