package io.gridwarden.alerting.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details, the one error format of the operations API. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    /** The prefix of every specific problem type: {@code urn:gridwarden:problem:<name>}. */
    public static final String TYPE_PREFIX = "urn:gridwarden:problem:";

    private Problems() {}

    public static void reply(RoutingContext ctx, OpsProblem problem, String detail) {
        write(ctx, problem.status, problem.type(), problem.title, detail, null);
    }

    /** A refusal the client may retry after {@code seconds} ({@code Retry-After}). */
    public static void retryLater(RoutingContext ctx, OpsProblem problem, String detail, long seconds) {
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, seconds)));
        reply(ctx, problem, detail);
    }

    /** 400 {@code invalid-parameter}, with the parameter's name in {@code parameter}. */
    public static void invalid(RoutingContext ctx, InvalidParameter e) {
        OpsProblem p = OpsProblem.INVALID_PARAMETER;
        write(ctx, p.status, p.type(), p.title, e.getMessage(), e.parameter());
    }

    /** A reply that names only a status; its type is the status's kind ({@link OpsProblem#forStatus}). */
    public static void reply(RoutingContext ctx, int status, String title, String detail) {
        write(ctx, status, OpsProblem.forStatus(status).type(), title, detail, null);
    }

    /** A problem of type {@code urn:gridwarden:problem:<name>} (null: the status's kind, {@link OpsProblem#forStatus}). */
    public static void reply(RoutingContext ctx, int status, String name, String title, String detail) {
        write(ctx, status, name == null ? OpsProblem.forStatus(status).type() : TYPE_PREFIX + name, title, detail, null);
    }

    private static void write(RoutingContext ctx, int status, String type, String title, String detail, String parameter) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"gridwarden\"");
        }
        JsonObject body = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        ctx.response().setStatusCode(status).putHeader("content-type", CONTENT_TYPE).end(body.encode());
    }
}
