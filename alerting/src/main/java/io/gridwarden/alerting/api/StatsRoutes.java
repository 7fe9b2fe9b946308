package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.ViolationStats;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /v1/stats?since=&until=&jurisdiction=&category=}: KPIs over violations detected in the window, scoped. */
public final class StatsRoutes {

    /** Without {@code since}: the last day. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    private final ViolationStore store;
    private final Clock clock;

    public StatsRoutes(ViolationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void stats(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        ViolationFilter filter;
        RequestParams.Period period;
        try {
            filter = RequestParams.filter(ctx, operator.jurisdictions(), false);
            period = RequestParams.period(ctx, clock, DEFAULT_WINDOW);
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        }
        Instant since = period.since();
        Instant until = period.until();
        ctx.vertx().executeBlocking(() -> {
            ViolationStats stats = new ViolationStats();
            store.forEach(since, until, v -> {
                if (filter.test(v.latest())) {
                    stats.add(v);
                }
            });
            return Json.toString(stats.toJson(since, until));
        }, false).onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body)).onFailure(ctx::fail);
    }
}
