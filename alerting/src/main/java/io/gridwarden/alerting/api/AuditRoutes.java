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
            var p = ctx.request();
            String who = p.getParam("operator");
            query = new AuditQuery(ViolationRoutes.instant("since", p.getParam("since")), ViolationRoutes.instant("until", p.getParam("until")),
                    who == null || who.isBlank() ? null : who.trim(), limit(p.getParam("limit")), blankToNull(p.getParam("cursor")));
        } catch (IllegalArgumentException e) {
            Problems.reply(ctx, 400, "invalid-query", "Bad Request", e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> log.page(query), false)
                .onSuccess(page -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(body(page))))
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException) {
                        Problems.reply(ctx, 400, "invalid-query", "Bad Request", e.getMessage());
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
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + maxLimit + ", got '" + param + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
