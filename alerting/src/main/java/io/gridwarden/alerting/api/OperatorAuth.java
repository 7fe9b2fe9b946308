package io.gridwarden.alerting.api;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Officer;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the operator behind a request: {@code Authorization: Bearer <token>}, nothing else (a token in
 * the URL would end up in logs and browser history). Missing or unknown tokens are answered 401; an
 * address that sent {@code failuresPerMinute} unknown tokens gets 429 with {@code Retry-After} for the
 * rest of that minute, whatever it sends, so guessing costs a minute per few tries. Each failure is
 * counted and logged without the token ({@link FailedLoginLog}).
 *
 * <p>{@link #officers()} checks officers' handset tokens the same way (for the officer's page), on the same
 * throttle: guessing either kind of token costs the same. An operator token is not an officer's, nor the reverse.
 */
public final class OperatorAuth implements Handler<RoutingContext> {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String OPERATOR_KEY = "gridwarden.operator";
    private static final String OFFICER_KEY = "gridwarden.officer";

    private final Town town;
    private final LoginThrottle throttle;
    private final FailedLoginLog failures;
    private final AccessMetrics metrics;
    private final Clock clock;
    private final boolean officer;

    public OperatorAuth(Town town, int failuresPerMinute, int maxTrackedAddresses, AccessMetrics metrics, Clock clock) {
        this(town, new LoginThrottle(failuresPerMinute, WINDOW, maxTrackedAddresses), new FailedLoginLog(), metrics, clock, false);
    }

    private OperatorAuth(Town town, LoginThrottle throttle, FailedLoginLog failures, AccessMetrics metrics, Clock clock, boolean officer) {
        this.town = town;
        this.throttle = throttle;
        this.failures = failures;
        this.metrics = metrics;
        this.clock = clock;
        this.officer = officer;
    }

    /** The same check for officers' handset tokens (the town file's officers' {@code tokenHash}), sharing this throttle. */
    public OperatorAuth officers() {
        return new OperatorAuth(town, throttle, failures, metrics, clock, true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String address = address(ctx);
        Instant now = clock.instant();
        Duration wait = throttle.wait(address, now);
        if (!wait.isZero()) {
            metrics.loginThrottled();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            Problems.retryLater(ctx, OpsProblem.TOO_MANY_FAILED_LOGINS, "too many unknown operator tokens from " + address
                    + "; try again in " + seconds + " s", seconds);
            return;
        }
        String kind = officer ? "officer's handset" : "operator";
        Optional<String> token = token(ctx);
        if (token.isEmpty()) {
            Problems.reply(ctx, OpsProblem.UNAUTHORIZED, "send Authorization: Bearer <" + kind + " token>");
            return;
        }
        Optional<?> who = officer ? officerFor(token.get()) : operatorFor(token.get());
        if (who.isEmpty()) {
            failed(address, now);
            Problems.reply(ctx, OpsProblem.UNAUTHORIZED, "the " + kind + " token is not known to this town");
            return;
        }
        ctx.put(officer ? OFFICER_KEY : OPERATOR_KEY, who.get());
        ctx.next();
    }

    /** The officer a handler behind {@link #officers()} is serving. */
    public static Officer officer(RoutingContext ctx) {
        return ctx.get(OFFICER_KEY);
    }

    Optional<Officer> officerFor(String token) {
        return town.officers().stream().filter(o -> o.tokenHash() != null && Secrets.matches(token, o.tokenHash())).findFirst();
    }

    /** The operator a handler behind this one is serving. */
    public static Operator operator(RoutingContext ctx) {
        return ctx.get(OPERATOR_KEY);
    }

    Optional<Operator> operatorFor(String token) {
        return town.operators().stream().filter(o -> Secrets.matches(token, o.tokenHash())).findFirst();
    }

    private void failed(String address, Instant now) {
        metrics.loginFailed();
        int count = throttle.failed(address, now);
        failures.failed(address, count, now);
        Duration wait = throttle.wait(address, now);
        if (!wait.isZero()) {
            failures.throttled(address, wait, now);
        }
    }

    private static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private static Optional<String> token(RoutingContext ctx) {
        return Secrets.bearerToken(ctx.request().getHeader("Authorization"));
    }
}
