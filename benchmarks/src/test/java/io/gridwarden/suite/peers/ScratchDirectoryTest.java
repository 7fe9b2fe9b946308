package io.gridwarden.suite.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("A directory goes with everything under it; a missing one is no error")
    void shouldDeleteATreeAndIgnoreAMissingOne() throws Exception {
        Path data = Files.createDirectories(dir.resolve("gridwarden-data/event-log"));
        Files.writeString(data.resolve("000001.blob"), "x");
        Files.writeString(dir.resolve("gridwarden.log"), "kept");

        ScratchDirectory.delete(dir.resolve("gridwarden-data"));
        ScratchDirectory.delete(dir.resolve("never-there"));

        assertThat(dir.resolve("gridwarden-data")).doesNotExist();
        assertThat(dir.resolve("gridwarden.log")).exists();
    }
}
