package io.gridwarden.common.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Directory trees the processes and tools make for a while and remove again. */
public final class Directories {

    private Directories() {}

    /**
     * Deletes {@code root} and everything under it, deepest first, and returns the bytes its regular files took;
     * nothing happens (0) when it does not exist. Links are removed as links, never followed: a link planted inside
     * (or {@code root} itself being one) deletes nothing outside the tree. Stops at the first file that cannot be
     * deleted, with what was deleted so far gone.
     */
    public static long deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        long bytes = 0;
        for (Path path : deepestFirst) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                bytes += Files.size(path);
            }
            Files.deleteIfExists(path);
        }
        return bytes;
    }
}
