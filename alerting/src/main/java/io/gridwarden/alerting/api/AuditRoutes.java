package io.gridwarden.alerting.api;

import io.gridwarden.alerting.audit.AuditLog;
import io.gridwarden.alerting.audit.AuditPage;
import io.gridwarden.alerting.audit.AuditQuery;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/audit?since=&until=&operator=&limit=&cursor=}: operators' actions, newest first, for
 * admins only (anyone else: 403 {@code admin-only}).
 */
public final class AuditRoutes {

    static final String ADMIN = "admin";
    static final int DEFAULT_LIMIT = 100;

    private final AuditLog log;
    private final int maxLimit;

    public AuditRoutes(AuditLog log, int maxLimit) {
        this.log = log;
        this.maxLimit = maxLimit;
    }

    public void list(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        if (!ADMIN.equals(operator.role())) {
            Problems.reply(ctx, 403, "admin-only", "Only admins read the audit log", "your role is " + operator.role());
            return;
        }
        AuditQuery query;
        try {
            query = new AuditQuery(RequestParams.instant(ctx, "since"), RequestParams.instant(ctx, "until"),
                    RequestParams.param(ctx, "operator"), limit(RequestParams.param(ctx, "limit")), RequestParams.param(ctx, "cursor"));
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        } catch (IllegalArgumentException e) {
            Problems.invalid(ctx, new InvalidParameter("until", e.getMessage()));
            return;
        }
        ctx.vertx().executeBlocking(() -> log.page(query), false)
                .onSuccess(page -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(body(page))))
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException) { // the store's only refusal: a cursor it did not make
                        Problems.invalid(ctx, new InvalidParameter("cursor", e.getMessage()));
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private static Map<String, Object> body(AuditPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    private int limit(String param) {
        if (param == null || param.isBlank()) {
            return Math.min(DEFAULT_LIMIT, maxLimit);
        }
        try {
            int limit = Integer.parseInt(param.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameter("limit", "limit must be a whole number from 1 to " + maxLimit + ", got '" + RequestParams.shorten(param) + "'");
    }

}
