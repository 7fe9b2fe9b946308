package io.gridwarden.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path dir;

    @Test
    void deletesTheTreeAndCountsItsFilesBytes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.write(root.resolve("deep.bin"), new byte[1000]);
        Files.write(dir.resolve("root/top.bin"), new byte[24]);
        Files.createDirectories(dir.resolve("root/empty"));

        assertThat(Directories.deleteTree(dir.resolve("root"))).isEqualTo(1024);
        assertThat(dir.resolve("root")).doesNotExist();
    }

    @Test
    void aMissingTreeIsNothingToDo() throws Exception {
        assertThat(Directories.deleteTree(dir.resolve("never-made"))).isZero();
    }

    @Test
    void linksAreRemovedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path kept = Files.write(outside.resolve("kept.txt"), new byte[10]);
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("to-outside"), outside);
        Files.createSymbolicLink(root.resolve("to-file"), kept);
        Path rootLink = Files.createSymbolicLink(dir.resolve("root-link"), outside);

        assertThat(Directories.deleteTree(root)).as("links count no bytes").isZero();
        assertThat(Directories.deleteTree(rootLink)).isZero();

        assertThat(root).doesNotExist();
        assertThat(Files.exists(rootLink, LinkOption.NOFOLLOW_LINKS)).as("the link itself is gone").isFalse();
        assertThat(kept).hasSize(10);
    }
}
