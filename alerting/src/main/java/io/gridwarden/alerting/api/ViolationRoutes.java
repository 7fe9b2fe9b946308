package io.gridwarden.alerting.api;

import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.alerting.view.ViolationRecord;
import io.gridwarden.alerting.view.ViolationView;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /v1/violations} and {@code GET /v1/violations/{id}}, answered from the in-memory view. */
public final class ViolationRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ViolationView view;

    public ViolationRoutes(ViolationView view) {
        this.view = view;
    }

    public void one(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        String id = ctx.pathParam("id");
        view.get(id)
                .filter(r -> ViolationFilter.inScope(operator.jurisdictions(), r.latest()))
                .ifPresentOrElse(
                        r -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(r.toJson())),
                        () -> Problems.reply(ctx, 404, "Not Found", "no violation " + id + " in your jurisdictions"));
    }

    public void list(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        ViolationFilter filter;
        int limit;
        try {
            filter = ViolationFilter.parse(operator.jurisdictions(), ctx.request().getParam("jurisdiction"),
                    ctx.request().getParam("category"), ctx.request().getParam("status"));
            limit = limit(ctx.request().getParam("limit"));
        } catch (IllegalArgumentException e) {
            Problems.reply(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        List<Object> items = view.newest(filter, limit).stream().map(r -> (Object) r.toJson()).toList();
        ctx.response().putHeader("content-type", "application/json")
                .end(Json.toString(java.util.Map.of("items", items)));
    }

    private static int limit(String param) {
        if (param == null || param.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(param);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + param + "'");
        }
    }
}
