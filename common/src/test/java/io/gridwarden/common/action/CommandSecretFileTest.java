package io.gridwarden.common.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.action.CommandSecretFile.CommandSecretException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSecretFileTest {

    private static final Instant ISSUED = Instant.parse("2026-11-22T08:01:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldGenerateAnOwnerOnlySecretAtFirstStartAndKeepItAfterwards() throws Exception {
        Path file = dir.resolve("data").resolve("command-secret");

        CommandIds first = CommandSecretFile.readOrCreate(file);
        CommandIds again = CommandSecretFile.readOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
        assertThat(again.make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED)).isEqualTo(first.make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED));
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no partial file left behind
        }
    }

    @Test
    void shouldShareIdsBetweenProcessesGivenTheSameFile() throws Exception {
        Path file = write("ab".repeat(32), "rw-------");

        String id = CommandSecretFile.read(file).make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED);

        assertThat(CommandSecretFile.read(file).isFor("off-01", id)).isTrue();
    }

    @Test
    void shouldRefuseAFileOthersMayRead() throws Exception {
        Path file = write("ab".repeat(32), "rw-r--r--");

        assertThatThrownBy(() -> CommandSecretFile.read(file)).isInstanceOf(CommandSecretException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void shouldRefuseAShortOrMalformedSecretSayingHowToMakeOne() throws Exception {
        Path shortOne = write("ab".repeat(16), "rw-------");
        Path notHex = dir.resolve("not-hex");
        Files.writeString(notHex, "correct horse battery staple correct horse battery staple!!!!!!!");
        Files.setPosixFilePermissions(notHex, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> CommandSecretFile.read(shortOne)).hasMessageContaining("16 bytes").hasMessageContaining("openssl rand -hex 32");
        assertThatThrownBy(() -> CommandSecretFile.read(notHex)).hasMessageContaining("openssl rand -hex 32");
        assertThatThrownBy(() -> CommandSecretFile.read(dir.resolve("missing"))).hasMessageContaining("does not exist");
    }

    private Path write(String text, String permissions) throws Exception {
        Path file = Files.createTempFile(dir, "secret", "");
        Files.writeString(file, text + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
