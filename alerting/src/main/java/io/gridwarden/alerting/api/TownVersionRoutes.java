package io.gridwarden.alerting.api;

import io.gridwarden.alerting.town.TownVersionEvents;
import io.gridwarden.alerting.town.TownVersionLedger;
import io.gridwarden.alerting.town.TownVersionStore;
import io.gridwarden.common.event.TownChange;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.DispatchRegions;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownDiff;
import io.gridwarden.common.town.TownFile.Operator;
import io.gridwarden.common.town.TownFileException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code /v1/town/versions}: admins submit a new town file (checked whole: 422 {@code town-invalid} lists
 * every problem and nothing is applied), list the versions, read one, and roll back to an earlier one
 * (applied again as a new version). An accepted version takes its number from the {@link TownVersionLedger}
 * (409 {@code town-change-in-progress} when another instance took it first), is appended to the event log as
 * {@code gw.town.change} (the jobs switch to it from that event's time on), told to the ledger, then stored with
 * who, when and what changed, then used by alerting itself. Others get 403 {@code admin-only}.
 */
public final class TownVersionRoutes {

    /** The largest town file the API takes; a larger one is refused 413. */
    public static final int MAX_TOWN_BYTES = 1024 * 1024;
    static final String ADMIN = "admin";

    private final TownVersionStore versions;
    private final TownVersionLedger ledger;
    private final RecordLog eventLog;
    private final String startLocation;
    private final Supplier<Town> town;
    private final BiFunction<Town, Long, Future<Void>> use;
    private final Clock clock;
    private final AtomicBoolean applying = new AtomicBoolean();

    /**
     * @param startLocation the town file the process started with (version 0), against which outlines resolve
     * @param town          alerting's town in force
     * @param use           how alerting takes a new version once it is in the event log and stored (done: in force)
     */
    public TownVersionRoutes(TownVersionStore versions, TownVersionLedger ledger, RecordLog eventLog, String startLocation,
            Supplier<Town> town, BiFunction<Town, Long, Future<Void>> use, Clock clock) {
        this.versions = versions;
        this.ledger = ledger;
        this.eventLog = eventLog;
        this.startLocation = startLocation;
        this.town = town;
        this.use = use;
        this.clock = clock;
    }

    public void submit(RoutingContext ctx) {
        if (admin(ctx)) {
            String text = ctx.body() == null ? null : ctx.body().asString(StandardCharsets.UTF_8.name());
            if (text == null || text.isBlank()) {
                Problems.invalid(ctx, new InvalidParameter("body", "send the town file's YAML as the body (content-type application/yaml)"));
            } else {
                apply(ctx, text, null);
            }
        }
    }

    public void rollback(RoutingContext ctx) {
        if (admin(ctx)) {
            withText(ctx, (n, text) -> apply(ctx, text, n));
        }
    }

    public void list(RoutingContext ctx) {
        if (admin(ctx)) {
            ctx.vertx().executeBlocking(() -> {
                JsonArray all = new JsonArray().add(new JsonObject().put("version", 0).put("author", "(start)").put("source", startLocation));
                versions.list().forEach(all::add);
                return new JsonObject().put("current", versions.latest()).put("versions", all);
            }, false).onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body.encode())).onFailure(ctx::fail);
        }
    }

    public void one(RoutingContext ctx) {
        if (admin(ctx)) {
            withText(ctx, (n, text) -> ctx.response().putHeader("content-type", "application/yaml; charset=utf-8").end(text));
        }
    }

    /** Version {@code n}'s text (the path's), to {@code then}; 404 when there is no such version. */
    private void withText(RoutingContext ctx, BiConsumer<Long, String> then) {
        Optional<Long> n = number(ctx);
        if (n.isPresent()) {
            ctx.vertx().executeBlocking(() -> textOf(n.get()), false).onSuccess(text -> {
                if (text.isEmpty()) {
                    Problems.reply(ctx, OpsProblem.NOT_FOUND, "no town version " + n.get() + "; GET /v1/town/versions lists them");
                } else {
                    then.accept(n.get(), text.get());
                }
            }).onFailure(ctx::fail);
        }
    }

    private void apply(RoutingContext ctx, String text, Long rollbackOf) {
        Operator admin = OperatorAuth.operator(ctx);
        if (eventLog == null) {
            Problems.reply(ctx, OpsProblem.UNAVAILABLE, "this alerting instance has no event log to apply a town version through");
            return;
        }
        if (!applying.compareAndSet(false, true)) {
            inProgress(ctx, "another admin's town version is being applied right now; list the versions and try again");
            return;
        }
        Instant at = clock.instant();
        ctx.vertx().executeBlocking(() -> check(text), false).compose(checked -> {
            if (checked instanceof TownFileException invalid) {
                refuseInvalid(ctx, invalid);
                return Future.succeededFuture();
            }
            Town next = (Town) checked;
            return ctx.vertx().executeBlocking(() -> ledger.claim(Secrets.hash(text), versions.latest() + 1), false).compose(n -> {
                JsonObject meta = meta(n, admin.id(), at, text, TownDiff.between(town.get(), next), rollbackOf);
                TownChange change = new TownChange(n, meta.getString("sha256"), text, admin.id());
                return Future.fromCompletionStage(eventLog.append(TownVersionEvents.of(eventLog, change, at)), ctx.vertx().getOrCreateContext())
                        .compose(appended -> ctx.vertx().executeBlocking(() -> {
                            ledger.applied(meta, text);
                            versions.add(meta, text);
                            return null;
                        }, false))
                        .compose(stored -> use.apply(next, n))
                        .onSuccess(inForce -> {
                            ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                                    .putHeader("Location", "/v1/town/versions/" + n).end(meta.encode());
                        }).mapEmpty();
            });
        }).onComplete(done -> applying.set(false)).onFailure(e -> failed(ctx, e));
    }

    /**
     * The parsed town, or the exception listing every problem; a version that would move teams to other dispatch
     * regions is refused too: the running jobs keep each region's officers apart, so it needs a restart.
     */
    private Object check(String text) {
        Town next;
        try {
            next = Town.parse(text, startLocation);
        } catch (TownFileException e) {
            return e;
        }
        List<String> moved = DispatchRegions.of(town.get()).regroupedIn(DispatchRegions.of(next));
        if (!moved.isEmpty()) {
            return new TownFileException("the teams " + String.join(", ", moved) + " would move to other dispatch regions (their"
                    + " \"1+X\" fallbacks or units changed): the running jobs decide each region apart, so this version cannot be"
                    + " applied live; apply it with a restart (copy it over the town file gridwarden starts with)");
        }
        return next;
    }

    private static void refuseInvalid(RoutingContext ctx, TownFileException invalid) {
        JsonObject body = new JsonObject().put("type", Problems.TYPE_PREFIX + "town-invalid").put("title", "The town file is not valid")
                .put("status", 422).put("detail", invalid.problems().size() + " problem(s) in the town file; fix each entry listed"
                        + " under errors and submit it again. Nothing was applied.")
                .put("instance", ctx.request().path()).put("errors", new JsonArray(invalid.problems()));
        ctx.response().setStatusCode(422).putHeader("content-type", Problems.CONTENT_TYPE).end(body.encode());
    }

    static JsonObject meta(long n, String author, Instant at, String text, TownDiff diff, Long rollbackOf) {
        JsonObject changes = new JsonObject();
        diff.kinds().forEach((kind, c) -> changes.put(kind, new JsonObject().put("added", new JsonArray(c.added()))
                .put("removed", new JsonArray(c.removed())).put("changed", new JsonArray(c.changed()))));
        JsonObject meta = new JsonObject().put("version", n).put("author", author).put("at", at.toString())
                .put("sha256", Secrets.hash(text)).put("bytes", text.getBytes(StandardCharsets.UTF_8).length).put("changes", changes);
        return rollbackOf == null ? meta : meta.put("rollbackOf", rollbackOf);
    }

    private Optional<String> textOf(long n) {
        return n == 0 ? Optional.of(Town.text(startLocation)) : versions.text(n);
    }

    private boolean admin(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        if (!ADMIN.equals(operator.role())) {
            Problems.reply(ctx, 403, "admin-only", "Only admins change the town file", "your role is " + operator.role());
            return false;
        }
        if (startLocation == null) {
            Problems.reply(ctx, OpsProblem.UNAVAILABLE, "this alerting instance was started without its town file's location,"
                    + " so it cannot take town versions; change the town file where it runs and restart it");
            return false;
        }
        return true;
    }

    private static Optional<Long> number(RoutingContext ctx) {
        try {
            long n = Long.parseLong(ctx.pathParam("n"));
            if (n >= 0) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        Problems.invalid(ctx, new InvalidParameter("n", "the version is a number from GET /v1/town/versions, e.g. 2"));
        return Optional.empty();
    }

    private static void inProgress(RoutingContext ctx, String detail) {
        Problems.reply(ctx, 409, "town-change-in-progress", "Another town version is being applied", detail);
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TownVersionLedger.NumberTaken taken) {
            inProgress(ctx, "another admin's town version took number " + taken.version() + " on another alerting instance just now;"
                    + " nothing of yours was applied: list the versions (GET /v1/town/versions) and submit yours again if it is still wanted");
        } else if (cause instanceof LogOverloadedException) {
            Problems.retryLater(ctx, OpsProblem.OVERLOADED, "the event log is saturated; submit the town version again shortly", 1);
        } else {
            ctx.fail(e);
        }
    }
}
