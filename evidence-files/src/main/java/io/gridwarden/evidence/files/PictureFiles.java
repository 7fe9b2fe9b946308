package io.gridwarden.evidence.files;

import io.gridwarden.common.evidence.EvidenceRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The store's files: {@code <root>/<first 2 hex>/<64 hex>} per picture, written through {@code <root>/tmp}
 * (write, fsync, rename, fsync the directory) so a picture is either wholly there or not at all, even across a crash.
 * A file's modification time is when its picture was last put.
 */
final class PictureFiles {

    private final Path root;
    private final Path tmp;

    PictureFiles(Path root) throws IOException {
        this.root = root;
        this.tmp = root.resolve("tmp");
        Files.createDirectories(tmp);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) { // half-written by a process that died: never renamed, never referenced
                Files.deleteIfExists(leftover);
            }
        }
    }

    Path path(EvidenceRef ref) {
        String hex = ref.hex();
        return root.resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** Writes {@code content} as {@code ref}'s file, durably, stamped {@code at}. */
    void write(EvidenceRef ref, byte[] content, Instant at) throws IOException {
        Path target = path(ref);
        Files.createDirectories(target.getParent());
        Path temp = tmp.resolve(ref.hex() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setLastModifiedTime(temp, FileTime.from(at));
            move(temp, target);
            syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the evidence directory's file system cannot rename atomically; keep it on a local disk", e);
        }
    }

    /** Makes the rename durable: on Linux a directory is synced through a channel opened for reading. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the rename is still atomic, only its durability waits for the OS
        }
    }

    /** The picture's bytes and stamp; null when it is not held. */
    Held read(EvidenceRef ref) throws IOException {
        Path file = path(ref);
        try {
            Instant at = Files.getLastModifiedTime(file).toInstant();
            return new Held(Files.readAllBytes(file), at);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    boolean exists(EvidenceRef ref) {
        return Files.isRegularFile(path(ref));
    }

    void touch(EvidenceRef ref, Instant at) throws IOException {
        Files.setLastModifiedTime(path(ref), FileTime.from(at));
    }

    /** Every picture file under the root (not the temporary ones). */
    void forEach(Consumer<Path> visitor) throws IOException {
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(root, p -> p.getFileName().toString().length() == 2)) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                    files.forEach(visitor);
                }
            }
        }
    }

    record Held(byte[] content, Instant storedAt) {}
}
