package io.gridwarden.alerting.api;

import io.vertx.core.http.HttpServerResponse;

/**
 * What every operations response tells the browser: load scripts, styles and data from this server
 * only and nothing inline (so a device's text that slipped into the page cannot run), never be
 * framed (pictures the dashboard fetched with the operator's token are shown from {@code blob:} URLs), never sniff a type, never send this URL as a referrer; and, over TLS, stay on HTTPS.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {}

    public static void apply(HttpServerResponse response, boolean tls) {
        apply(response, tls, null);
    }

    /**
     * The same, but the page may also connect to {@code otherOrigin} (the officer's page sends its events to
     * ingest, another origin); null: to this server only.
     */
    public static void apply(HttpServerResponse response, boolean tls, String otherOrigin) {
        String policy = otherOrigin == null ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("connect-src 'self';", "connect-src 'self' " + otherOrigin + ";");
        response.putHeader("Content-Security-Policy", policy)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        if (tls) {
            response.putHeader("Strict-Transport-Security", HSTS);
        }
    }
}
