package io.gridwarden.alerting.api;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
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
 */
public final class OperatorAuth implements Handler<RoutingContext> {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String OPERATOR_KEY = "gridwarden.operator";
    private static final String BEARER = "bearer ";

    private final Town town;
    private final LoginThrottle throttle;
    private final FailedLoginLog failures = new FailedLoginLog();
    private final AccessMetrics metrics;
    private final Clock clock;

    public OperatorAuth(Town town, int failuresPerMinute, int maxTrackedAddresses, AccessMetrics metrics, Clock clock) {
        this.town = town;
        this.throttle = new LoginThrottle(failuresPerMinute, WINDOW, maxTrackedAddresses);
        this.metrics = metrics;
        this.clock = clock;
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
        Optional<String> token = token(ctx);
        if (token.isEmpty()) {
            Problems.reply(ctx, OpsProblem.UNAUTHORIZED, "send Authorization: Bearer <operator token>");
            return;
        }
        Optional<Operator> operator = operatorFor(token.get());
        if (operator.isEmpty()) {
            failed(address, now);
            Problems.reply(ctx, OpsProblem.UNAUTHORIZED, "the operator token is not known to this town");
            return;
        }
        ctx.put(OPERATOR_KEY, operator.get());
        ctx.next();
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
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(header.substring(BEARER.length()).trim()).filter(t -> !t.isEmpty());
        }
        return Optional.empty();
    }
}
