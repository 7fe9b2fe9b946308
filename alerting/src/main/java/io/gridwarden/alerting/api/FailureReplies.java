package io.gridwarden.alerting.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure handler: a refusal Vert.x Web made itself (405, 413, …) becomes that status's
 * problem; an invalid parameter that escaped its handler a 400; anything else is logged here with its
 * cause and answered 500 {@code internal-error} without a word of the cause, which is for the log only.
 */
public final class FailureReplies implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReplies.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof InvalidParameter invalid) {
            Problems.invalid(ctx, invalid);
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : failure == null ? ctx.statusCode() : 500;
        if (status >= 400 && status < 500) {
            OpsProblem problem = OpsProblem.forStatus(status);
            Problems.reply(ctx, status, problem.title, refusal(status));
            return;
        }
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        Problems.reply(ctx, OpsProblem.INTERNAL, "alerting could not complete this request; the cause is in its log. "
                + "Try again; if it keeps failing, tell whoever runs this gridwarden");
    }

    private static String refusal(int status) {
        return switch (status) {
            case 404 -> "no such resource; see docs/openapi.yaml";
            case 405 -> "this resource does not take that method; see docs/openapi.yaml";
            case 413 -> "the request body is larger than this API takes; send a smaller JSON object";
            default -> "the request could not be read as a request to this API; see docs/openapi.yaml";
        };
    }
}
