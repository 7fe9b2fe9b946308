package io.gridwarden.suite.peers;

import io.gridwarden.common.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Deletes what a system under test wrote once it is closed. A suite run stores tens of gigabytes (an
 * ingest alone keeps every event; the log comparison appends for minutes); left behind, a few runs
 * filled this machine's disk.
 */
public final class ScratchDirectory {

    private ScratchDirectory() {}

    /** Deletes {@code directory} and everything under it; nothing happens when it does not exist. */
    public static void delete(Path directory) {
        try {
            Directories.deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
