package io.gridwarden.launcher;

import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.testsupport.RunScratch;
import java.nio.file.Path;

/** One command secret file (owner-only, as gridwarden requires) for the tests' processes of one JVM to share, deleted at its exit. */
final class TestSecrets {

    private static Path file;

    private TestSecrets() {}

    static synchronized String commandSecretFile() {
        if (file == null) {
            file = RunScratch.directory("gridwarden-test-secret").resolve("command-secret");
            CommandSecretFile.readOrCreate(file);
        }
        return file.toString();
    }
}
