package io.gridwarden.alerting.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The alert stream's event ids: an action-log position sealed with AES-GCM under a key of this
 * alerting's own, with a fresh nonce each time. A client cannot read the position out of an id, and
 * two ids for the same position differ, so ids say nothing of how many actions (of any town) went by;
 * sent back as {@code Last-Event-ID} an id still says exactly where to resume, and a forged or
 * altered one is refused. The key is kept in alerting's data dir, so ids survive a restart.
 */
public final class StreamPositions {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "gridwarden alert stream position v1".getBytes(StandardCharsets.US_ASCII);
    /** Every id has this length: nonce, 8 sealed bytes and the tag, base64url without padding. */
    static final int ID_LENGTH = (NONCE_BYTES + Long.BYTES + TAG_BITS / 8) * 4 / 3;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    StreamPositions(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a stream position key has " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key kept in {@code file}, made (readable by this user only) the first time. Blocking. */
    public static StreamPositions open(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(file + " is not an alert stream key (" + key.length + " bytes, not " + KEY_BYTES
                        + "); delete it to make a new one (open streams then start again from the live end)");
            }
            return new StreamPositions(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the alert stream key " + file, e);
        }
    }

    /** An id for the position the next read starts at. */
    public String id(long position) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The position an id stands for. */
    public long position(String id) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(id.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != NONCE_BYTES + Long.BYTES + TAG_BITS / 8) {
            throw notOurs();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(raw, NONCE_BYTES));
            long position = ByteBuffer.wrap(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES)).getLong();
            if (position < 0) {
                throw notOurs();
            }
            return position;
        } catch (javax.crypto.AEADBadTagException e) {
            throw notOurs();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(CONTEXT);
        return cipher;
    }

    private static InvalidParameter notOurs() {
        return new InvalidParameter("Last-Event-ID", "Last-Event-ID must be an id this alerting sent on the stream; "
                + "leave it out to start from now");
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "stream-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data dir's own permissions protect it
            }
            Files.write(temp, key);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another start made it first: use that one
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
