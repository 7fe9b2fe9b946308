package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    @DisplayName("A place prepared as a link (by another user of a shared /tmp) is refused; a directory of this user is used")
    void shouldRefuseAPlaceThatIsALink() throws Exception {
        Path target = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("gridwarden-000000000000"), target);

        assertThatThrownBy(() -> ProcessTempDir.checkOwnDirectory(link)).isInstanceOf(IOException.class).hasMessageContaining("link");
        assertThatCode(() -> ProcessTempDir.checkOwnDirectory(target)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("Each data directory has its own place among the temporary files, the same at every start")
    void shouldPlaceEachDataDirectorysTemporaryFilesApart() {
        Path root = Path.of("/var/tmp");

        assertThat(ProcessTempDir.baseFor(dir.resolve("a"), root)).isEqualTo(ProcessTempDir.baseFor(dir.resolve("x/../a"), root))
                .isNotEqualTo(ProcessTempDir.baseFor(dir.resolve("b"), root));
        assertThat(ProcessTempDir.baseFor(dir.resolve("a"), root).getParent()).isEqualTo(root);
        assertThat(ProcessTempDir.baseFor(dir.resolve("a"), root).getFileName().toString()).matches("gridwarden-[0-9a-f]{12}");
    }

    @Test
    @DisplayName("gridwarden run keeps its temporary files in a directory of its own; after kill -9 the next start removes them")
    void shouldKeepTemporaryFilesApartAndRemoveAKilledProcesssAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("gridwarden.log");
        Path base = ProcessTempDir.baseFor(data, Path.of(System.getProperty("java.io.tmpdir"))); // the child's is the same
        long killedPid;
        try {
            var first = new GridwardenProcess(data, "http://127.0.0.1:9", output).start();
            try {
                killedPid = first.pid();
                Path own = base.resolve(Long.toString(killedPid));
                assertThat(names(own)).as("the first process's temporary files")
                        .anySatisfy(name -> assertThat(name).startsWith("librocksdbjni"))
                        .anySatisfy(name -> assertThat(name).startsWith("minicluster_"));
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).as("only the process's user")
                        .isEqualTo("rwx------");
            } finally {
                first.kill(); // not close(): that would remove what the kill left, as the next start does below
            }
            assertThat(base.resolve(Long.toString(killedPid))).as("what kill -9 leaves").isDirectory();

            try (var second = new GridwardenProcess(data, "http://127.0.0.1:9", output).start()) {
                assertThat(base.resolve(Long.toString(killedPid))).doesNotExist();
                assertThat(names(base)).containsExactly(Long.toString(second.pid()));
                assertThat(second.output()).contains("temporary files a stopped process left in " + base.resolve(Long.toString(killedPid)));
            }
            assertThat(base).as("after a clean stop").doesNotExist();
        } finally {
            Files.deleteIfExists(base);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
