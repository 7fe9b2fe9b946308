package io.gridwarden.common.action;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Command ids that only this deployment can make: {@code cmd-<digest>-<mac>}. The digest names the
 * command (violation, type, recipient, issue time: {@link ActionIds}); the mac is HMAC-SHA256 under the
 * deployment's command secret of the recipient and the digest, truncated to 128 bits.
 *
 * <p>So a command id is as deterministic as before (same secret, same input: same id, in any process,
 * after any replay), yet nobody without the secret can compute one, and ingest can tell from the id
 * alone whether a device acknowledging it is the command's recipient ({@link #isFor}): no lookup, so
 * it works when ingest and the jobs are separate processes that share only the secret.
 */
public final class CommandIds implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The least secret accepted: 256 bits, HMAC-SHA256's block of key material. */
    public static final int SECRET_BYTES = 32;
    private static final String PREFIX = "cmd-";
    private static final int DIGEST_CHARS = 20;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = PREFIX.length() + DIGEST_CHARS + 1 + 2 * MAC_BYTES;
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;

    private CommandIds(byte[] secret) {
        this.secret = secret;
    }

    /** Ids under {@code secret}: at least {@link #SECRET_BYTES} bytes. */
    public static CommandIds of(byte[] secret) {
        if (secret == null || secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("a command secret needs at least " + SECRET_BYTES + " bytes, got "
                    + (secret == null ? 0 : secret.length));
        }
        return new CommandIds(secret.clone());
    }

    /** Ids under a fresh random secret: only this instance recognises them (tests, or a process on its own). */
    public static CommandIds random() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new CommandIds(secret);
    }

    /** The id of the command of {@code type} about {@code violation} for device {@code target}, issued at {@code issued}. */
    public String make(String violation, String type, String target, Instant issued) {
        String digest = ActionIds.commandDigest(violation, type, target, issued);
        return PREFIX + digest + '-' + HEX.formatHex(mac(target, digest));
    }

    /**
     * Whether {@code commandId} is an id this secret made for {@code device}. Anything else is false: an
     * id made for another device or under another secret, an id of the old unsigned form, or no id at all.
     * The mac is compared in constant time.
     */
    public boolean isFor(String device, String commandId) {
        if (device == null || commandId == null || commandId.length() != LENGTH || !commandId.startsWith(PREFIX)
                || commandId.charAt(LENGTH - 2 * MAC_BYTES - 1) != '-') {
            return false;
        }
        String digest = commandId.substring(PREFIX.length(), PREFIX.length() + DIGEST_CHARS);
        byte[] expected = HEX.formatHex(mac(device, digest)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = commandId.substring(LENGTH - 2 * MAC_BYTES).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] mac(String target, String digest) {
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] full = hmac.doFinal((target + '|' + digest).getBytes(StandardCharsets.UTF_8));
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CommandIds[secret hidden]";
    }
}
