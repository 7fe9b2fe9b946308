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
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        if (tls) {
            response.putHeader("Strict-Transport-Security", HSTS);
        }
    }
}
