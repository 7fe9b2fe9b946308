package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files under the data directory, and what a killed process left there removed at the next start. */
class ProcessTempDirTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Removes the directories of processes that no longer run, and keeps those of running ones and anything else")
    void shouldRemoveOnlyTheLeftoversOfProcessesGone() throws Exception {
        Path base = Files.createDirectories(dir.resolve("tmp"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            Path gone = Files.createDirectories(base.resolve(Long.toString(ended.pid())).resolve("minicluster_x"));
            Files.write(gone.resolve("blob"), new byte[1024]);
            Path alive = Files.createDirectories(base.resolve(Long.toString(running.pid())));
            Path own = Files.createDirectories(base.resolve(Long.toString(ProcessHandle.current().pid())));
            Path other = Files.createDirectories(base.resolve("kept-by-someone"));

            ProcessTempDir.removeLeftovers(base);

            assertThat(base.resolve(Long.toString(ended.pid()))).doesNotExist();
            assertThat(alive).isDirectory();
            assertThat(own).isDirectory();
            assertThat(other).isDirectory();
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    @DisplayName("A -Djava.io.tmpdir on the command line is kept")
    void shouldKeepATemporaryDirectoryChosenOnTheCommandLine() {
        assertThat(ProcessTempDir.setOnCommandLine(List.of("-Xmx1g", "-Djava.io.tmpdir=/srv/tmp"))).isTrue();
        assertThat(ProcessTempDir.setOnCommandLine(List.of("-Xmx1g", "-Dvertx.cacheDirBase=/x"))).isFalse();
    }

    @Test
    @DisplayName("gridwarden run keeps its temporary files in <data-dir>/tmp/<pid>; after kill -9 the next start removes them")
    void shouldKeepTemporaryFilesUnderTheDataDirectoryAndRemoveAKilledProcesssAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("gridwarden.log");
        long killedPid;
        try (var first = new GridwardenProcess(data, "http://127.0.0.1:9", output).start()) {
            killedPid = first.pid();
            Path own = data.resolve("tmp").resolve(Long.toString(killedPid));
            assertThat(names(own)).as("the first process's temporary files")
                    .anySatisfy(name -> assertThat(name).startsWith("librocksdbjni"))
                    .anySatisfy(name -> assertThat(name).startsWith("minicluster_"));
            first.kill();
            assertThat(own).as("what kill -9 leaves").isDirectory();
        }

        try (var second = new GridwardenProcess(data, "http://127.0.0.1:9", output).start()) {
            assertThat(data.resolve("tmp").resolve(Long.toString(killedPid))).doesNotExist();
            assertThat(names(data.resolve("tmp"))).containsExactly(Long.toString(second.pid()));
            assertThat(second.output()).contains("temporary files a stopped process left in");
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
