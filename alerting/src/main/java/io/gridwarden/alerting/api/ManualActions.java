package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventData;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.ManualAssign;
import io.gridwarden.common.event.ManualClose;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code POST /v1/violations/{id}/assign} and {@code /close}: a dispatcher's decision, checked here and
 * appended to the event log as an {@code OPS_ASSIGN} / {@code OPS_CLOSE} event for the jobs to act on;
 * the outcome comes back as actions. {@code 202} once the event is durable.
 */
public final class ManualActions {

    static final Set<String> ACTING_ROLES = Set.of("dispatcher", "admin");
    static final String SOURCE_PREFIX = "ops:";

    private final ViolationStore store;
    private final RecordLog eventLog;
    private final Town town;
    private final Clock clock;

    /** @param eventLog where manual actions go; null: this alerting cannot take them (503) */
    public ManualActions(ViolationStore store, RecordLog eventLog, Town town, Clock clock) {
        this.store = store;
        this.eventLog = eventLog;
        this.town = town;
        this.clock = clock;
    }

    public void assign(RoutingContext ctx) {
        act(ctx, EventType.OPS_ASSIGN, body -> {
            String officer = RequestParams.string(body, "officer");
            if (officer == null || town.officer(officer).isEmpty()) {
                throw new InvalidParameter("officer", "officer must be an officer of this town, got '"
                        + (officer == null ? "" : RequestParams.shorten(officer)) + "'");
            }
            return (v, op) -> new ManualAssign(v.id(), deviceOf(v), officer, op.id());
        });
    }

    public void close(RoutingContext ctx) {
        act(ctx, EventType.OPS_CLOSE, body -> {
            String reason = RequestParams.string(body, "reason");
            if (reason == null || reason.isBlank() || reason.length() > 500) {
                throw new InvalidParameter("reason", "reason is required (at most 500 characters)");
            }
            return (v, op) -> new ManualClose(v.id(), deviceOf(v), reason.trim(), op.id());
        });
    }

    /** The camera or sensor that saw the violation: the jobs keep its state under that device. */
    private static String deviceOf(Violation violation) {
        return violation.camera() != null ? violation.camera() : violation.sensor();
    }

    /** Builds the event data once the violation is known to be in scope and still open. */
    private interface DataFor {
        EventData build(Violation violation, Operator operator);
    }

    private void act(RoutingContext ctx, EventType type, Function<JsonObject, DataFor> validate) {
        Operator operator = OperatorAuth.operator(ctx);
        if (!ACTING_ROLES.contains(operator.role())) {
            Problems.reply(ctx, 403, "Forbidden", "only dispatchers and admins may assign or close violations");
            return;
        }
        if (eventLog == null) {
            Problems.reply(ctx, 503, "Service Unavailable", "this alerting instance has no event log to record manual actions in");
            return;
        }
        DataFor data;
        try {
            data = validate.apply(RequestParams.jsonBody(ctx));
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        }
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> store.get(id), false)
                .compose(found -> decide(ctx, operator, found, id, type, data))
                .onFailure(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof LogOverloadedException) {
                        Problems.retryLater(ctx, OpsProblem.OVERLOADED, "the event log is saturated; try again shortly", 1);
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private Future<Void> decide(RoutingContext ctx, Operator operator, Optional<StoredViolation> found, String id, EventType type,
                                DataFor data) {
        Optional<Violation> violation = found.map(StoredViolation::latest)
                .filter(v -> ViolationFilter.inScope(operator.jurisdictions(), v));
        if (violation.isEmpty()) {
            Problems.reply(ctx, 404, "Not Found", "no violation " + id + " in your jurisdictions");
            return Future.succeededFuture();
        }
        Violation v = violation.get();
        if (v.status().terminal()) {
            Problems.reply(ctx, 409, "Conflict", "violation " + id + " is already " + v.status().wireName());
            return Future.succeededFuture();
        }
        DeviceEvent event = new DeviceEvent("ops-" + UUID.randomUUID(), SOURCE_PREFIX + operator.id(), type, clock.instant(),
                clock.instant(), data.build(v, operator));
        LogEntry entry = new LogEntry(v.camera() != null ? v.camera() : v.sensor(), event.dedupKey(), EventCodec.encode(event));
        return Future.fromCompletionStage(eventLog.append(List.of(entry)), ctx.vertx().getOrCreateContext())
                .onSuccess(r -> ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("event", event.id()).put("type", type.wireName()).put("violation", id).encode()))
                .mapEmpty();
    }
}
