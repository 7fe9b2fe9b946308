package io.gridwarden.alerting.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.alerting.whatif.WhatIfRunner;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /v1/whatif} {"town": "<candidate town file, YAML>", "from": "<RFC 3339>", "until": "<RFC 3339>"}: for admins
 * only, the stored events of the window through the candidate's rules beside what really happened (see docs/replay.md).
 * One what-if at a time per process (another meanwhile: 429); the window at most {@link #MAX_WINDOW}, not in the future.
 */
public final class WhatIfRoutes {

    /** The candidate town file and the window, as JSON: the demo town is some 100 KB. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private final WhatIfRunner runner;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public WhatIfRoutes(WhatIfRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    public void run(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        if (!AuditRoutes.ADMIN.equals(operator.role())) {
            Problems.reply(ctx, 403, "admin-only", "Only admins run what-ifs", "your role is " + operator.role());
            return;
        }
        if (runner == null) {
            Problems.reply(ctx, 501, "whatif-unavailable", "What-ifs run where the jobs run",
                    "this alerting process runs without the jobs; use gridwarden replay on the jobs' host (see docs/replay.md)");
            return;
        }
        Request request;
        try {
            request = request(ctx);
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        }
        if (!running.compareAndSet(false, true)) {
            Problems.reply(ctx, 429, "whatif-busy", "A what-if is running", "wait for it to finish, then ask again");
            return;
        }
        ctx.vertx().executeBlocking(() -> runner.run(request.town(), request.from(), request.until()), false)
                .onComplete(done -> running.set(false))
                .onSuccess(report -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(report)))
                .onFailure(e -> {
                    if (e instanceof WhatIfRunner.InvalidCandidateException) {
                        Problems.reply(ctx, 422, "invalid-town", "The candidate town file is not valid", e.getMessage());
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private record Request(String town, Instant from, Instant until) {}

    private Request request(RoutingContext ctx) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body().asString());
        } catch (Exception | Error e) {
            throw new InvalidParameter("body", "the body must be JSON: {\"town\": \"<town file YAML>\", \"from\": …, \"until\": …}");
        }
        if (body == null || !body.path("town").isTextual() || body.path("town").asText().isBlank()) {
            throw new InvalidParameter("town", "town must be the candidate town file's text (YAML)");
        }
        Instant now = clock.instant();
        Instant until = body.hasNonNull("until") ? instant("until", body.path("until").asText()) : now;
        Instant from = body.hasNonNull("from") ? instant("from", body.path("from").asText()) : until.minus(DEFAULT_WINDOW);
        if (until.isAfter(now)) {
            throw new InvalidParameter("until", "until must not lie in the future: what has not happened cannot be replayed");
        }
        if (!from.isBefore(until) || Duration.between(from, until).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidParameter("from", "from must be before until and at most " + MAX_WINDOW.toDays() + " days before it");
        }
        return new Request(body.path("town").asText(), from, until);
    }

    private static Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " must be an RFC 3339 time such as 2026-12-04T08:00:00+08:00, got '"
                    + RequestParams.shorten(text) + "'");
        }
    }
}
