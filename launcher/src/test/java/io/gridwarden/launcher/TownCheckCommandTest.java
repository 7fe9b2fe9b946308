package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Town;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gridwarden town check}: a town file checked whole, offline. */
class TownCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldListEveryProblemOfAnInvalidTownAndExitWithOne() throws Exception {
        Path file = dir.resolve("town.yaml");
        Files.writeString(file, Town.text(Town.DEMO).replace("role: dispatcher", "role: chief").replace("lat: 28.7405", "lat: 128.7405"));
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("town", "check", file.toString());

        assertThat(exit).isEqualTo(TownCommand.INVALID);
        assertThat(err.toString()).contains("role chief").contains("coordinates out of range").contains("problem(s) in");
    }

    @Test
    void shouldRefuseToSubmitWithoutAnAdminToken() throws Exception {
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("town", "versions", "--url", "http://127.0.0.1:1", "--token", "");

        assertThat(exit).isEqualTo(TownCommand.FAILED);
        assertThat(err.toString()).contains("--token");
    }
}
