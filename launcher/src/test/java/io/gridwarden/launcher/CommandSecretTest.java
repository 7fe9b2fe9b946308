package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process keeps command ids under one secret, which ingest checks acknowledgements against:
 * generated owner-only in the data directory at first start, or the file given with --command-secret-file
 * (the one the jobs on a cluster are given too).
 */
@DisplayName("gridwarden run: the command secret")
class CommandSecretTest {

    private static final Instant ISSUED = Instant.parse("2026-11-22T08:01:00Z");

    @TempDir
    Path dir;

    @Test
    @DisplayName("Generated owner-only at first start; only the recipient of a command made under it may acknowledge it")
    void shouldGenerateTheSecretAndCheckAcksAgainstIt() throws Exception {
        Path dataDir = dir.resolve("data");
        try (var gridwarden = start(dataDir, List.of("--ingest-only"))) {
            Path secret = dataDir.resolve(EmbeddedSettings.DEFAULT_COMMAND_SECRET);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            String warning = CommandSecretFile.read(secret).make("vio-1", Command.VOICE_WARNING, "cam-0001", ISSUED);

            assertAcks(gridwarden, warning);
        }
    }

    @Test
    @DisplayName("With --command-secret-file the given secret is used and none is generated")
    void shouldUseTheGivenSecret() throws Exception {
        Path secret = Files.writeString(dir.resolve("shared-secret"), "5a".repeat(32) + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--------"));
        Path dataDir = dir.resolve("data");
        try (var gridwarden = start(dataDir, List.of("--ingest-only", "--command-secret-file", secret.toString()))) {
            CommandIds shared = CommandSecretFile.read(secret);

            assertAcks(gridwarden, shared.make("vio-1", Command.VOICE_WARNING, "cam-0001", ISSUED));
            assertThat(dataDir.resolve(EmbeddedSettings.DEFAULT_COMMAND_SECRET)).doesNotExist();
        }
    }

    /** cam-0002 may not acknowledge cam-0001's command (403 not-command-target); cam-0001 may. */
    private static void assertAcks(GridwardenProcess gridwarden, String commandToCam0001) throws Exception {
        var events = new DemoEvents("secret");
        var devices = new DeviceClient(gridwarden.ingestUrl());

        DeviceClient.Reply foreign = devices.send(DeviceClient.demoToken("cam-0002"),
                List.of(events.ack("cam-0002", Instant.now(), commandToCam0001, "played")));
        DeviceClient.Reply own = devices.send(DeviceClient.demoToken("cam-0001"),
                List.of(events.ack("cam-0001", Instant.now(), commandToCam0001, "played")));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("urn:gridwarden:problem:not-command-target");
        assertThat(own.status()).as(own.body()).isEqualTo(202);
    }

    private GridwardenProcess start(Path dataDir, List<String> args) throws Exception {
        Path output = Files.createDirectories(Path.of("target", "e2e")).resolve("command-secret-" + System.nanoTime() + ".log");
        return new GridwardenProcess(dataDir, "http://127.0.0.1:9", output).start(args);
    }
}
