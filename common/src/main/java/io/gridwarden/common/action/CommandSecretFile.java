package io.gridwarden.common.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The command secret on disk ({@link CommandIds}): hex text of at least 32 random bytes, readable by its
 * owner only. The embedded default generates one at first start in its data directory; processes that
 * must agree on command ids (ingest, the jobs, on several hosts) are given the same file, made with e.g.
 * {@code openssl rand -hex 32 > command-secret && chmod 600 command-secret}.
 *
 * <p>A file that others may read is refused, as ssh refuses a private key: whoever reads it can forge
 * acknowledgements for any device.
 */
public final class CommandSecretFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final HexFormat HEX = HexFormat.of();

    private CommandSecretFile() {}

    /** The secret in {@code file}, which must exist. */
    public static CommandIds read(Path file) {
        try {
            checkOwnerOnly(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] secret;
            try {
                secret = HEX.parseHex(text);
            } catch (IllegalArgumentException e) {
                throw problem(file, "does not hold hex text; write one with: openssl rand -hex 32 > " + file);
            }
            if (secret.length < CommandIds.SECRET_BYTES) {
                throw problem(file, "holds " + secret.length + " bytes, a command secret needs at least " + CommandIds.SECRET_BYTES
                        + "; write one with: openssl rand -hex 32 > " + file);
            }
            return CommandIds.of(secret);
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist; write one with: openssl rand -hex 32 > " + file + " && chmod 600 " + file);
        } catch (AccessDeniedException e) {
            throw problem(file, "cannot be read by this user");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
    }

    /** The secret in {@code file}; when there is none yet, 32 fresh random bytes written there first, owner-only. */
    public static CommandIds readOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        return read(file);
    }

    private static void create(Path file) {
        byte[] secret = new byte[CommandIds.SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path partial = posix(directory)
                    ? Files.createTempFile(directory, ".command-secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".command-secret", ".tmp");
            Files.writeString(partial, HEX.formatHex(secret) + "\n", StandardCharsets.US_ASCII);
            // Written whole, then linked into place: a crash never leaves a short secret behind, and a
            // secret another process put there meanwhile is kept (a link never replaces a file).
            try {
                Files.createLink(file, partial);
            } catch (FileAlreadyExistsException e) {
                // theirs is used
            } catch (UnsupportedOperationException e) {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw problem(file, "cannot be created: " + e.getMessage());
        }
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getParent())) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw problem(file, "may be read or written by others (" + PosixFilePermissions.toString(permissions)
                    + "); whoever reads it can acknowledge any device's commands: chmod 600 " + file);
        }
    }

    private static boolean posix(Path directory) {
        return Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
    }

    private static CommandSecretException problem(Path file, String what) {
        return new CommandSecretException("the command secret file " + file + " " + what);
    }

    /** The command secret cannot be used; the message says what to do. */
    public static final class CommandSecretException extends RuntimeException {
        CommandSecretException(String message) {
            super(message);
        }
    }
}
