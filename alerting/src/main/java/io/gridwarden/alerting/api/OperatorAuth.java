package io.gridwarden.alerting.api;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Finds the operator behind a request: {@code Authorization: Bearer <token>}, or {@code ?access_token=}
 * for browsers' EventSource, which cannot send headers. Anything else is answered 401.
 */
public final class OperatorAuth implements Handler<RoutingContext> {

    private static final String OPERATOR_KEY = "gridwarden.operator";
    private static final String BEARER = "bearer ";

    private final Town town;

    public OperatorAuth(Town town) {
        this.town = town;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> token = token(ctx);
        if (token.isEmpty()) {
            Problems.reply(ctx, 401, "Unauthorized", "send Authorization: Bearer <operator token> (or ?access_token= for EventSource)");
            return;
        }
        Optional<Operator> operator = operatorFor(token.get());
        if (operator.isEmpty()) {
            Problems.reply(ctx, 401, "Unauthorized", "the operator token is not known to this town");
            return;
        }
        ctx.put(OPERATOR_KEY, operator.get());
        ctx.next();
    }

    /** The operator a handler behind this one is serving. */
    public static Operator operator(RoutingContext ctx) {
        return ctx.get(OPERATOR_KEY);
    }

    Optional<Operator> operatorFor(String token) {
        return town.operators().stream().filter(o -> Secrets.matches(token, o.tokenHash())).findFirst();
    }

    private static Optional<String> token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(header.substring(BEARER.length()).trim()).filter(t -> !t.isEmpty());
        }
        return Optional.ofNullable(ctx.request().getParam("access_token")).filter(t -> !t.isEmpty());
    }
}
