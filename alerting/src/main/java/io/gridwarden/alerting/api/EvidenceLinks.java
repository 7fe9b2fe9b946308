package io.gridwarden.alerting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A violation's {@code snapshot} comes from a device, so the API serves it only as an absolute http(s)
 * URL: a {@code javascript:} or {@code data:} URL, a relative one or one with user info is left out of
 * what operators get, rather than reaching a browser as a link. (The dashboard checks again.)
 */
final class EvidenceLinks {

    static final int MAX_LENGTH = 2048;

    private EvidenceLinks() {}

    /** Whether {@code url} is an absolute http(s) URL with a host and no user info. */
    static boolean isSafe(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A violation's JSON with an unsafe {@code snapshot} removed (in place). */
    static ObjectNode view(ObjectNode violation) {
        JsonNode snapshot = violation.get("snapshot");
        if (snapshot != null && !(snapshot.isTextual() && isSafe(snapshot.textValue()))) {
            violation.remove("snapshot");
        }
        return violation;
    }

    /** A violation as the alert stream's {@code data:} line carries it, without an unsafe snapshot. */
    static String json(Violation violation) {
        if (violation.snapshot() == null || isSafe(violation.snapshot())) {
            return Json.toString(violation);
        }
        return Json.toString(view(Json.mapper().valueToTree(violation)));
    }
}
