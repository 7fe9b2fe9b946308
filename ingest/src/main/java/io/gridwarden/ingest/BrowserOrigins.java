package io.gridwarden.ingest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin access to {@code POST /v1/events} for pages in a browser (CORS), for exactly the configured
 * origins: the officer's page, served by alerting on another origin, posts handsets' events here, so ingest
 * stays the one door for device events. Any other origin gets no CORS headers, so a browser keeps its
 * pages from reading the answer or sending the preflighted request at all. Devices (no {@code Origin}) are
 * unaffected; every request still needs a device token.
 */
final class BrowserOrigins {

    /** How long a browser may reuse a preflight answer. */
    static final int MAX_AGE_SECONDS = 600;
    private static final String ALLOWED_HEADERS = "authorization, content-type";

    private final Set<String> origins;

    BrowserOrigins(List<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** {@code OPTIONS /v1/events}: 204, with the CORS answer only for a configured origin asking to POST. */
    void preflight(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        var response = ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        if (origin != null && origins.contains(origin)
                && HttpMethod.POST.name().equals(ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD))) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, HttpMethod.POST.name())
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, String.valueOf(MAX_AGE_SECONDS));
        }
        response.setStatusCode(204).end();
    }

    /** Before a POST is handled: a configured origin may read the answer, whatever it is. */
    void allow(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        if (origin != null && origins.contains(origin)) {
            ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        ctx.next();
    }

    /** The configured origins, each {@code http(s)://host[:port]} exactly (no path, no wildcard), lower-cased scheme and host. */
    static List<String> checked(List<String> origins) {
        if (origins == null) {
            return List.of();
        }
        for (String origin : origins) {
            URI uri;
            try {
                uri = new URI(origin);
            } catch (Exception e) {
                throw new IllegalArgumentException("browser origin " + origin + " is not scheme://host[:port]");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("browser origin must be exactly http(s)://host[:port] in lower case (as a browser"
                        + " sends it in Origin), with no path or wildcard; got " + origin);
            }
        }
        return List.copyOf(origins);
    }
}
