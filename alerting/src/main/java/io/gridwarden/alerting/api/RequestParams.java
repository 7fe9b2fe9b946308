package io.gridwarden.alerting.api;

import io.gridwarden.alerting.view.ViolationFilter;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;

/**
 * The operations API's query parameters and JSON bodies, read the one way: whatever cannot be used
 * becomes an {@link InvalidParameter} naming it, never an exception from deeper down (an instant
 * past what a millisecond clock holds once answered 500 "long overflow").
 */
final class RequestParams {

    /** RFC 3339 years have four digits: times outside them are refused rather than overflowing later. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private RequestParams() {}

    /** A query parameter, null when absent or blank. */
    static String param(RoutingContext ctx, String name) {
        String value;
        try {
            value = ctx.request().getParam(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("query", "the query string is not valid percent-encoding; encode reserved characters as %XX");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** An RFC 3339 instant between the years 0000 and 9999, or null when absent. */
    static Instant instant(RoutingContext ctx, String name) {
        String value = param(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(value);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new DateTimeParseException("year out of range", value, 0);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " must be an RFC 3339 time such as 2026-11-22T08:00:00Z (years 0000-9999), got '"
                    + shorten(value) + "'");
        }
    }

    /** The window [since, until) of {@code since} and {@code until}: until defaults to now, since to {@code length} before until. */
    static Period period(RoutingContext ctx, java.time.Clock clock, java.time.Duration length) {
        Instant untilParam = instant(ctx, "until");
        Instant until = untilParam == null ? clock.instant().plusSeconds(1) : untilParam;
        Instant sinceParam = instant(ctx, "since");
        Instant since = sinceParam == null ? until.minus(length) : sinceParam;
        if (!since.isBefore(until)) {
            throw new InvalidParameter("since", "since must be before until, got " + since + " and " + until);
        }
        return new Period(since, until);
    }

    /** A time window from {@code since} (inclusive) to {@code until} (exclusive). */
    record Period(Instant since, Instant until) {}

    /** The violations the operator may see and asked for ({@code jurisdiction}, {@code category}, {@code status}). */
    static ViolationFilter filter(RoutingContext ctx, Collection<String> scope, boolean byStatus) {
        String status = byStatus ? param(ctx, "status") : null;
        try {
            return ViolationFilter.parse(scope, param(ctx, "jurisdiction"), param(ctx, "category"), status);
        } catch (InvalidParameter e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("status", e.getMessage());
        }
    }

    /** The request body as a JSON object (an empty one when there is no body). */
    static JsonObject jsonBody(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            throw new InvalidParameter("body", "the body is not JSON; send a JSON object such as {\"reason\": \"…\"}");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new InvalidParameter("body", "the body must be a JSON object such as {\"reason\": \"…\"}");
        }
        return object;
    }

    /** A string field of a JSON body: null when absent, refused when it is another type. */
    static String string(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidParameter(field, field + " must be a JSON string");
        }
        return (String) value;
    }

    /** A client's value quoted back, cut short so a huge one does not make a huge reply. */
    static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
