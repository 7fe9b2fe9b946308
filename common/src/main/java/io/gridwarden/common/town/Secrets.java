package io.gridwarden.common.town;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tokens are stored only as hashes, {@code sha256:<hex>}. Device and operator tokens are long random
 * secrets issued by the town, so a fast hash is enough (as for API keys); comparison is constant-time.
 */
public final class Secrets {

    private static final String PREFIX = "sha256:";
    private static final String BEARER = "bearer ";

    private Secrets() {}

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The token of an HTTP {@code Authorization: Bearer <token>} header (the scheme in any case, the token trimmed);
     * empty when the header is missing (null), names another scheme or carries no token.
     */
    public static Optional<String> bearerToken(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorizationHeader.substring(BEARER.length()).trim()).filter(token -> !token.isEmpty());
    }

    public static boolean matches(String token, String storedHash) {
        if (token == null || storedHash == null || !storedHash.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
