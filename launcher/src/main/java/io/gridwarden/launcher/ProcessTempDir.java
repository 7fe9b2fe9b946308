package io.gridwarden.launcher;

import io.gridwarden.common.files.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a process a temporary directory of its own, {@code <java.io.tmpdir>/gridwarden-<data directory's hash>/<pid>},
 * for what it puts there: the native libraries RocksDB and LZ4 extract at each start, the embedded Flink cluster's
 * files (its RPC system's jar, blob and I/O directories, the job's working RocksDB state) and Vert.x's file cache.
 * They delete their files when the process stops; a process killed ({@code kill -9}, out of memory, power loss) left
 * them in {@code /tmp}, tens of megabytes a time and the job's whole working state, for good. Now each start removes
 * what earlier processes of the same data directory, no longer running, left there. The scale-out {@code ingest},
 * which has no data directory, uses {@code gridwarden-ingest} instead of the hash.
 *
 * <p>Under the JVM's temporary directory (a {@code -Djava.io.tmpdir} is respected), not the data directory: a full
 * data disk must not stop a start (ingest then refuses with {@code storage-full} and recovers by itself). Done by
 * setting {@code java.io.tmpdir} before anything reads it, so it comes before any library is loaded.
 */
final class ProcessTempDir {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTempDir.class);

    /** A directory claimed, and the JVM's temporary directory before: {@link #release} gives both back. */
    record Claim(Path directory, String previous) {

        /**
         * Deletes the directory (at a clean stop, once everything in it is closed), and its data directory's place if no
         * other process uses it; restores {@code java.io.tmpdir}.
         */
        void release() {
            try {
                Directories.deleteTree(directory);
                Files.deleteIfExists(directory.getParent());
            } catch (DirectoryNotEmptyException otherProcess) {
                // another process of this data directory runs: its directory stays
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not remove {} at the stop ({}); the next start will", directory, e.toString());
            }
            System.setProperty("java.io.tmpdir", previous);
        }
    }

    private ProcessTempDir() {}

    /** Claims this process's temporary directory for {@code dataDir}; null if it could not (the JVM's is kept, with a warning). */
    static Claim claim(Path dataDir) {
        String previous = System.getProperty("java.io.tmpdir");
        return claim(baseFor(dataDir, Path.of(previous)), previous);
    }

    /**
     * As {@link #claim(Path)} for a process without a data directory (the scale-out {@code ingest}): its directory is
     * {@code <java.io.tmpdir>/gridwarden-<service>/<pid>}, and each start removes what stopped processes of the service left.
     */
    static Claim claimForService(String service) {
        String previous = System.getProperty("java.io.tmpdir");
        return claim(baseForService(service, Path.of(previous)), previous);
    }

    /** Where the processes of {@code service} without a data directory keep their temporary directories, one per pid. */
    static Path baseForService(String service, Path temporaryRoot) {
        return temporaryRoot.resolve("gridwarden-" + service);
    }

    private static Claim claim(Path base, String previous) {
        Path own = base.resolve(Long.toString(ProcessHandle.current().pid()));
        try {
            if (!Files.isDirectory(base)) {
                Files.createDirectories(base.getParent());
                try {
                    createPrivate(base);
                } catch (FileAlreadyExistsException raced) {
                    // another process of this data directory made it just now
                }
            }
            checkOwnDirectory(base);
            removeLeftovers(base);
            Directories.deleteTree(own); // an earlier process's, which had this pid (before a reboot): nothing of it runs
            createPrivate(own);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Temporary files stay in {}: could not use {} ({})", previous, own, e.toString());
            return null;
        }
        System.setProperty("java.io.tmpdir", own.toString());
        LOG.info("Temporary files in {}", own);
        return new Claim(own, previous);
    }

    /** {@link Claim#release}s {@code claim}, if there is one (null: none was made). Safe to call twice. */
    static void release(Claim claim) {
        if (claim != null) {
            claim.release();
        }
    }

    /** Where the processes of {@code dataDir} keep their temporary directories, one per pid. */
    static Path baseFor(Path dataDir, Path temporaryRoot) {
        String path = dataDir.toAbsolutePath().normalize().toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return temporaryRoot.resolve("gridwarden-" + HexFormat.of().formatHex(hash, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Refuses a place another user could have prepared in a shared {@code /tmp} (its name is predictable): it must be a
     * directory, not a link, of this process's user.
     */
    static void checkOwnDirectory(Path base) throws IOException {
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(base + " is not a directory (a link?)");
        }
        UserPrincipal owner = Files.getOwner(base, LinkOption.NOFOLLOW_LINKS);
        String user = System.getProperty("user.name");
        if (!owner.getName().equals(user)) {
            throw new IOException(base + " belongs to " + owner.getName() + ", not " + user);
        }
    }

    /** The job's working state lives here, with the town's camera and track ids: the process's user alone may read it. */
    private static void createPrivate(Path directory) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(directory);
        }
    }

    /** Removes the directories under {@code base} of processes that no longer run (named by their pid); anything else stays. */
    static void removeLeftovers(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return;
        }
        List<Path> dead;
        try (Stream<Path> entries = Files.list(base)) {
            dead = entries.filter(ProcessTempDir::ofAProcessGone).toList();
        }
        for (Path directory : dead) {
            long bytes = Directories.deleteTree(directory);
            LOG.info("Removed {} of temporary files a stopped process left in {}", bytes < 1_000_000 ? bytes / 1000 + " kB"
                    : bytes / 1_000_000 + " MB", directory);
        }
    }

    private static boolean ofAProcessGone(Path entry) {
        String name = entry.getFileName().toString();
        if (!Files.isDirectory(entry) || !name.matches("[0-9]{1,19}")) {
            return false;
        }
        long pid = Long.parseLong(name);
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
}
