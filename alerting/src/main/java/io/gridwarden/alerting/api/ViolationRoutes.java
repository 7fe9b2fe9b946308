package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.HistoryPage;
import io.gridwarden.alerting.store.HistoryQuery;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
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
                        r -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(EvidenceLinks.view(r.toJson()))),
                        () -> Problems.reply(ctx, OpsProblem.NOT_FOUND, "no violation " + RequestParams.shorten(id) + " in your jurisdictions")))
                .onFailure(ctx::fail);
    }

    public void list(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        HistoryQuery query;
        try {
            query = query(ctx, operator);
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        }
        ctx.vertx().executeBlocking(() -> store.history(query), false)
                .onSuccess(page -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(body(page))))
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException && query.cursor() != null) {
                        Problems.invalid(ctx, new InvalidParameter("cursor",
                                "cursor is not one this API returned as nextCursor; start again without it"));
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private HistoryQuery query(RoutingContext ctx, Operator operator) {
        Instant since = RequestParams.instant(ctx, "since");
        Instant until = RequestParams.instant(ctx, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidParameter("since", "since must be before until, got " + since + " and " + until);
        }
        return new HistoryQuery(RequestParams.filter(ctx, operator.jurisdictions(), true), since, until,
                limit(RequestParams.param(ctx, "limit")), RequestParams.param(ctx, "cursor"));
    }

    private static Map<String, Object> body(HistoryPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(r -> (Object) EvidenceLinks.view(r.toJson())).toList());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    private int limit(String param) {
        if (param == null) {
            return Math.min(DEFAULT_LIMIT, maxLimit);
        }
        try {
            int limit = Integer.parseInt(param);
            if (limit < 1 || limit > maxLimit) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new InvalidParameter("limit", "limit must be a whole number from 1 to " + maxLimit + ", got '"
                    + RequestParams.shorten(param) + "'");
        }
    }
}
