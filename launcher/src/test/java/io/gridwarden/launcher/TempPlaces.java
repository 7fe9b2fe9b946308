package io.gridwarden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests' stopped or killed processes left of their temporary files ({@link ProcessTempDir}), removed. */
final class TempPlaces {

    private TempPlaces() {}

    /** Removes what processes of {@code dataDir} no longer running left, as the next start of one would. */
    static void removeLeftovers(Path dataDir) {
        removeLeftoversIn(ProcessTempDir.baseFor(dataDir, root()));
    }

    /** Where {@code gridwarden ingest} processes (no data directory) keep theirs, a directory per pid. */
    static Path ingest() {
        return ProcessTempDir.baseForService("ingest", root());
    }

    /** Removes what {@code gridwarden ingest} processes no longer running left; those running keep theirs. */
    static void removeIngestLeftovers() {
        removeLeftoversIn(ingest());
    }

    private static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir")); // the child processes' too
    }

    private static void removeLeftoversIn(Path temporary) {
        if (!Files.isDirectory(temporary)) {
            return;
        }
        try {
            ProcessTempDir.removeLeftovers(temporary);
            Files.deleteIfExists(temporary);
        } catch (DirectoryNotEmptyException anotherProcess) {
            // another process of this data directory still runs
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
