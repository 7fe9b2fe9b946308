package io.gridwarden.launcher;

import io.gridwarden.common.action.CommandSecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One command secret file (owner-only, as gridwarden requires) for the tests' processes of one JVM to share. */
final class TestSecrets {

    private static Path file;

    private TestSecrets() {}

    static synchronized String commandSecretFile() {
        if (file == null) {
            try {
                file = Files.createTempDirectory("gridwarden-test-secret").resolve("command-secret");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CommandSecretFile.readOrCreate(file);
        }
        return file.toString();
    }
}
