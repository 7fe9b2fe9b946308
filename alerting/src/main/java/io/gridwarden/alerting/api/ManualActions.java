package io.gridwarden.alerting.api;

import io.gridwarden.alerting.audit.AuditEntry;
import io.gridwarden.alerting.audit.AuditLog;
import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.AssignableUnits;
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
import io.gridwarden.common.town.TownFile.Officer;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/violations/{id}/assign} and {@code /close}: a dispatcher's decision, checked here and
 * appended to the event log as an {@code OPS_ASSIGN} / {@code OPS_CLOSE} event for the jobs to act on;
 * the outcome comes back as actions. {@code 202} once the event is durable. An officer may be assigned
 * only to a violation their team may be sent to ({@link AssignableUnits}). Every attempt, accepted or
 * refused, goes to the audit log before the operator is answered ({@link OperatorAudit}).
 */
public final class ManualActions {

    static final Set<String> ACTING_ROLES = Set.of("dispatcher", "admin");
    static final String SOURCE_PREFIX = "ops:";
    static final int MAX_REASON_CHARS = 500;

    private final ViolationStore store;
    private final RecordLog eventLog;
    private final Town town;
    private final AssignableUnits assignable;
    private final OperatorAudit audit;
    private final Clock clock;

    /**
     * @param eventLog where manual actions go; null: this alerting cannot take them (503)
     * @param auditLog where every attempt is recorded
     */
    public ManualActions(ViolationStore store, RecordLog eventLog, Town town, AuditLog auditLog, Clock clock) {
        this.store = store;
        this.eventLog = eventLog;
        this.town = town;
        this.assignable = new AssignableUnits(town);
        this.audit = new OperatorAudit(auditLog, clock);
        this.clock = clock;
    }

    public void assign(RoutingContext ctx) {
        act(ctx, EventType.OPS_ASSIGN);
    }

    public void close(RoutingContext ctx) {
        act(ctx, EventType.OPS_CLOSE);
    }

    private void act(RoutingContext ctx, EventType type) {
        Operator operator = OperatorAuth.operator(ctx);
        JsonObject body = body(ctx);
        AuditEntry.Attempt attempt = audit.attempt(ctx, type == EventType.OPS_ASSIGN ? "assign" : "close");
        AuditEntry.Attempt described = body == null ? attempt : type == EventType.OPS_ASSIGN ? attempt.withOfficer(text(body, "officer"))
                : attempt.withReason(text(body, "reason"));
        Optional<InvalidParameter> invalid = body == null
                ? Optional.of(new InvalidParameter("body", "the body must be a JSON object such as {\"reason\": \"…\"}"))
                : type == EventType.OPS_ASSIGN ? invalidOfficer(body) : invalidReason(body);
        if (!ACTING_ROLES.contains(operator.role())) {
            refuse(ctx, described, ActionRefusal.ROLE, "your role is " + operator.role() + "; only dispatchers and admins may assign or close");
        } else if (invalid.isPresent()) {
            InvalidParameter e = invalid.get();
            audit.record(ctx, described.refused(400, "invalid-parameter", e.getMessage()))
                    .onComplete(recorded -> Problems.invalid(ctx, e));
        } else if (eventLog == null) {
            refuse(ctx, described, ActionRefusal.NO_EVENT_LOG, "this alerting instance has no event log to record manual actions in");
        } else {
            ctx.vertx().executeBlocking(() -> store.get(described.violation()), false)
                    .compose(found -> decide(ctx, operator, described, found, type))
                    .onFailure(e -> failed(ctx, described, e));
        }
    }

    private Future<Void> decide(RoutingContext ctx, Operator operator, AuditEntry.Attempt attempt, Optional<StoredViolation> found,
                                EventType type) {
        Optional<Violation> violation = found.map(StoredViolation::latest).filter(v -> ViolationFilter.inScope(operator.jurisdictions(), v));
        if (violation.isEmpty()) {
            refuse(ctx, attempt, ActionRefusal.NOT_FOUND, "no violation " + attempt.violation() + " in your jurisdictions");
            return Future.succeededFuture();
        }
        Violation v = violation.get();
        if (v.status().terminal()) {
            refuse(ctx, attempt, ActionRefusal.OVER, "violation " + v.id() + " is already " + v.status().wireName());
            return Future.succeededFuture();
        }
        Optional<String> notEligible = type == EventType.OPS_ASSIGN
                ? assignable.refusal(town.officer(attempt.officer()).orElseThrow(), v) : Optional.empty();
        if (notEligible.isPresent()) {
            refuse(ctx, attempt, ActionRefusal.OFFICER_NOT_ELIGIBLE, notEligible.get());
            return Future.succeededFuture();
        }
        EventData data = type == EventType.OPS_ASSIGN ? new ManualAssign(v.id(), deviceOf(v), attempt.officer(), operator.id())
                : new ManualClose(v.id(), deviceOf(v), attempt.reason().trim(), operator.id());
        DeviceEvent event = new DeviceEvent("ops-" + UUID.randomUUID(), SOURCE_PREFIX + operator.id(), type, clock.instant(),
                clock.instant(), data);
        LogEntry entry = new LogEntry(deviceOf(v), event.dedupKey(), EventCodec.encode(event), event.time().toEpochMilli());
        return Future.fromCompletionStage(eventLog.append(List.of(entry)), ctx.vertx().getOrCreateContext())
                .compose(appended -> audit.record(ctx, attempt.accepted(202, event.id())))
                .onSuccess(recorded -> ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("event", event.id()).put("type", type.wireName()).put("violation", v.id()).encode()))
                .mapEmpty();
    }

    private Optional<InvalidParameter> invalidOfficer(JsonObject body) {
        if (!(body.getValue("officer") == null || body.getValue("officer") instanceof String)) {
            return Optional.of(new InvalidParameter("officer", "officer must be a JSON string"));
        }
        String officer = body.getString("officer");
        if (officer == null || town.officer(officer).isEmpty()) {
            return Optional.of(new InvalidParameter("officer", "officer must be an officer of this town, got '"
                    + (officer == null ? "" : RequestParams.shorten(officer)) + "'"));
        }
        return Optional.empty();
    }

    private static Optional<InvalidParameter> invalidReason(JsonObject body) {
        if (!(body.getValue("reason") == null || body.getValue("reason") instanceof String)) {
            return Optional.of(new InvalidParameter("reason", "reason must be a JSON string"));
        }
        String reason = body.getString("reason");
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_CHARS) {
            return Optional.of(new InvalidParameter("reason", "reason is required (at most " + MAX_REASON_CHARS + " characters)"));
        }
        return Optional.empty();
    }

    private void failed(RoutingContext ctx, AuditEntry.Attempt attempt, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof LogOverloadedException) {
            ctx.response().putHeader("Retry-After", "1");
            refuse(ctx, attempt, ActionRefusal.OVERLOADED, "the event log is saturated; try again shortly");
        } else {
            audit.record(ctx, attempt.refused(500, "internal-error", "the action could not be taken; see alerting's log"))
                    .onComplete(recorded -> ctx.fail(e));
        }
    }

    private void refuse(RoutingContext ctx, AuditEntry.Attempt attempt, ActionRefusal refusal, String detail) {
        audit.record(ctx, attempt.refused(refusal.status, refusal.label, detail))
                .onComplete(recorded -> Problems.reply(ctx, refusal.status, refusal.label, refusal.title, detail));
    }

    /** The body as a JSON object (empty when there is none), or null when it is not one. */
    private static JsonObject body(RoutingContext ctx) {
        try {
            return RequestParams.jsonBody(ctx);
        } catch (InvalidParameter e) {
            return null;
        }
    }

    /** A string field of the body, or null when absent or not a string. */
    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        return value instanceof String s ? s : null;
    }

    /** The camera or sensor that saw the violation: the jobs keep its state under that device. */
    private static String deviceOf(Violation violation) {
        return violation.camera() != null ? violation.camera() : violation.sensor();
    }
}
