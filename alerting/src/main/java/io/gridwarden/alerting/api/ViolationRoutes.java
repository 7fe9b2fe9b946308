package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.HistoryPage;
import io.gridwarden.alerting.store.HistoryQuery;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/violations} (history, cursor-paged, newest first) and {@code GET /v1/violations/{id}}, from the store. */
public final class ViolationRoutes {

    static final int DEFAULT_LIMIT = 100;

    private final ViolationStore store;
    private final int maxLimit;

    public ViolationRoutes(ViolationStore store, int maxLimit) {
        this.store = store;
        this.maxLimit = maxLimit;
    }

    public void one(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> store.get(id), false).onSuccess(found -> found
                .filter(r -> ViolationFilter.inScope(operator.jurisdictions(), r.latest()))
                .ifPresentOrElse(
                        r -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(r.toJson())),
                        () -> Problems.reply(ctx, 404, "Not Found", "no violation " + id + " in your jurisdictions")))
                .onFailure(ctx::fail);
    }

    public void list(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        HistoryQuery query;
        try {
            var p = ctx.request();
            query = new HistoryQuery(ViolationFilter.parse(operator.jurisdictions(), p.getParam("jurisdiction"), p.getParam("category"),
                    p.getParam("status")), instant("since", p.getParam("since")), instant("until", p.getParam("until")),
                    limit(p.getParam("limit")), blankToNull(p.getParam("cursor")));
        } catch (IllegalArgumentException e) {
            Problems.reply(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> store.history(query), false)
                .onSuccess(page -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(body(page))))
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException) {
                        Problems.reply(ctx, 400, "Bad Request", e.getMessage());
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private static Map<String, Object> body(HistoryPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(r -> (Object) r.toJson()).toList());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    /** An RFC 3339 instant, or null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 time such as 2026-11-22T08:00:00Z, got '" + value + "'");
        }
    }

    private int limit(String param) {
        if (param == null || param.isBlank()) {
            return Math.min(DEFAULT_LIMIT, maxLimit);
        }
        try {
            int limit = Integer.parseInt(param);
            if (limit < 1 || limit > maxLimit) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + maxLimit + ", got '" + param + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
