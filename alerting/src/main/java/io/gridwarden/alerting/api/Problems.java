package io.gridwarden.alerting.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details, the one error format of the operations API. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    /** The prefix of every specific problem type: {@code urn:gridwarden:problem:<name>}. */
    public static final String TYPE_PREFIX = "urn:gridwarden:problem:";

    private Problems() {}

    public static void reply(RoutingContext ctx, int status, String title, String detail) {
        reply(ctx, status, null, title, detail);
    }

    /** A problem of type {@code urn:gridwarden:problem:<name>} (null: {@code about:blank}). */
    public static void reply(RoutingContext ctx, int status, String name, String title, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"gridwarden\"");
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", CONTENT_TYPE)
                .end(new JsonObject()
                        .put("type", name == null ? "about:blank" : TYPE_PREFIX + name)
                        .put("title", title)
                        .put("status", status)
                        .put("detail", detail)
                        .put("instance", ctx.request().path())
                        .encode());
    }
}
