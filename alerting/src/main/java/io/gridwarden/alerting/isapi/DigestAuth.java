package io.gridwarden.alerting.isapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Digest access authentication, the client side (RFC 7616): reads a server's {@code WWW-Authenticate:
 * Digest …} challenge and answers it for one request. MD5 and SHA-256, {@code qop=auth} (and the RFC 2069
 * form for servers that offer no qop, as old camera firmware does). Vert.x's web client has no Digest
 * support (vertx-auth-common's {@code UsernamePasswordCredentials} answers Basic challenges only), hence
 * this class. Pure: the client nonce is given by the caller.
 */
public final class DigestAuth {

    /** One Digest challenge: what the answer must be computed over. */
    public record Challenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth) {}

    private static final List<String> PREFERRED = List.of("SHA-256", "MD5");

    private DigestAuth() {}

    /** The strongest Digest challenge among a response's {@code WWW-Authenticate} headers that this class can answer. */
    public static Optional<Challenge> strongest(List<String> headers) {
        Challenge best = null;
        for (String header : headers) {
            Optional<Challenge> c = parse(header);
            if (c.isPresent() && (best == null || PREFERRED.indexOf(c.get().algorithm()) < PREFERRED.indexOf(best.algorithm()))) {
                best = c.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** A {@code Digest} challenge this class can answer (MD5 or SHA-256, with qop auth or none); empty for anything else. */
    static Optional<Challenge> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> p = parameters(header.substring(7));
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        String qop = p.get("qop");
        boolean qopAuth = qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        if (p.get("nonce") == null || p.get("realm") == null || !PREFERRED.contains(algorithm) || (qop != null && !qopAuth)) {
            return Optional.empty();
        }
        return Optional.of(new Challenge(p.get("realm"), p.get("nonce"), p.get("opaque"), algorithm, qopAuth));
    }

    /** The {@code Authorization} header answering {@code c} for {@code method uri}, as the {@code nc}-th use of its nonce. */
    public static String authorization(Challenge c, String user, String password, String method, String uri, int nc, String cnonce) {
        String ha1 = hash(c.algorithm(), user + ":" + c.realm() + ":" + password);
        String ha2 = hash(c.algorithm(), method + ":" + uri);
        String count = String.format("%08x", nc);
        String response = c.qopAuth()
                ? hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + count + ":" + cnonce + ":auth:" + ha2)
                : hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + ha2);
        StringBuilder header = new StringBuilder("Digest username=\"").append(quoted(user)).append("\", realm=\"").append(quoted(c.realm()))
                .append("\", uri=\"").append(quoted(uri)).append("\", algorithm=").append(c.algorithm())
                .append(", nonce=\"").append(quoted(c.nonce())).append('"');
        if (c.qopAuth()) {
            header.append(", nc=").append(count).append(", cnonce=\"").append(quoted(cnonce)).append("\", qop=auth");
        }
        header.append(", response=\"").append(response).append('"');
        if (c.opaque() != null) {
            header.append(", opaque=\"").append(quoted(c.opaque())).append('"');
        }
        return header.toString();
    }

    static String hash(String algorithm, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 and SHA-256 are part of every JDK", e);
        }
    }

    /** The auth-params of a challenge: {@code name=token} or {@code name="quoted \" string"}, comma-separated. */
    static Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            if (i < text.length() && text.charAt(i) == '"') {
                for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i));
                }
                i++;
            } else {
                for (; i < text.length() && text.charAt(i) != ','; i++) {
                    value.append(text.charAt(i));
                }
            }
            out.putIfAbsent(name, value.toString().trim());
        }
        return out;
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
