package io.gridwarden.ingest;

import io.gridwarden.common.event.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How ingest answers over HTTP: JSON bodies, and refusals as RFC 9457 {@code application/problem+json}. */
final class HttpReplies {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private HttpReplies() {}

    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().closed()) {
            return; // the client gave up; what was stored stays stored
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.toBuffer());
    }

    static void problem(RoutingContext ctx, Rejection rejection) {
        if (ctx.response().closed()) {
            return;
        }
        Rejection.Reason reason = rejection.reason();
        JsonObject body = new JsonObject()
                .put("type", reason.type())
                .put("title", reason.title)
                .put("status", reason.status)
                .put("detail", rejection.detail());
        if (!rejection.problems().isEmpty()) {
            JsonArray problems = new JsonArray();
            for (Problem p : rejection.problems()) {
                problems.add(new JsonObject().put("index", p.index()).put("field", p.field()).put("reason", p.reason()));
            }
            body.put("problems", problems);
        }
        HttpServerResponse response = ctx.response().setStatusCode(reason.status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
        if (reason == Rejection.Reason.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (rejection.retryAfterSeconds() > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(rejection.retryAfterSeconds()));
        }
        response.end(body.toBuffer());
    }
}
