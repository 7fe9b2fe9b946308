package io.gridwarden.common.evidence;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a stored picture: {@code sha256:} and the 64 lower-case hex digits of the SHA-256 of its bytes.
 * The same picture always gets the same ref, so a ref says nothing a device could choose and can be checked
 * against the bytes it names.
 */
public record EvidenceRef(String value) {

    public static final String PREFIX = "sha256:";
    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

    public EvidenceRef {
        if (!isValid(value)) {
            throw new IllegalArgumentException("an evidence ref is 'sha256:' and 64 lower-case hex digits, got '" + value + "'");
        }
    }

    /** Whether {@code text} has the form of a ref (it may still name nothing stored). */
    public static boolean isValid(String text) {
        return text != null && text.length() == PREFIX.length() + 64 && FORM.matcher(text).matches();
    }

    /** The ref {@code text} spells, if it has the form of one. */
    public static Optional<EvidenceRef> parse(String text) {
        return isValid(text) ? Optional.of(new EvidenceRef(text)) : Optional.empty();
    }

    /** The ref of a SHA-256 digest. */
    public static EvidenceRef ofDigest(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
        }
        return new EvidenceRef(PREFIX + java.util.HexFormat.of().formatHex(sha256));
    }

    /** The ref of {@code content}: the name the store gives those bytes. */
    public static EvidenceRef of(byte[] content) {
        try {
            return ofDigest(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The 64 hex digits, without the prefix. */
    public String hex() {
        return value.substring(PREFIX.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
