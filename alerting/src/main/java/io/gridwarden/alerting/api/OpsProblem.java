package io.gridwarden.alerting.api;

/**
 * Why the operations API refused a request, typed: each kind has its status, a stable problem
 * {@code type} ({@code urn:gridwarden:problem:<label>}, documented in docs/openapi.yaml) and a title.
 */
public enum OpsProblem {
    INVALID_PARAMETER(400, "invalid-parameter", "A parameter is invalid"),
    BAD_REQUEST(400, "bad-request", "The request is not valid HTTP for this API"),
    UNAUTHORIZED(401, "unauthorized", "Missing or unknown operator token"),
    FORBIDDEN(403, "forbidden", "Not allowed for this operator"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    CONFLICT(409, "conflict", "The violation's state does not allow this"),
    BODY_TOO_LARGE(413, "body-too-large", "The request body is too large"),
    REPORT_TOO_LARGE(422, "report-too-large", "The report covers more cases than one request may read"),
    TOO_MANY_STREAMS(429, "too-many-streams", "This operator holds as many alert streams as allowed"),
    TOO_MANY_FAILED_LOGINS(429, "too-many-failed-logins", "Too many failed logins from this address"),
    STREAMS_FULL(503, "streams-full", "Alerting holds as many alert streams as it serves"),
    OVERLOADED(503, "overloaded", "The event log is saturated"),
    UNAVAILABLE(503, "unavailable", "Not available on this alerting instance"),
    INTERNAL(500, "internal-error", "Unexpected error in alerting");

    private static final String TYPE_PREFIX = "urn:gridwarden:problem:";

    final int status;
    final String label;
    final String title;

    OpsProblem(int status, String label, String title) {
        this.status = status;
        this.label = label;
        this.title = title;
    }

    public String type() {
        return TYPE_PREFIX + label;
    }

    public int status() {
        return status;
    }

    /** The kind a bare status stands for (replies that name only a status, and Vert.x Web's own refusals). */
    static OpsProblem forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 413 -> BODY_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
        };
    }
}
