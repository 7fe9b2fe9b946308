package io.gridwarden.ingest;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to failed device logins, over HTTP and MQTT alike: each is counted against its remote
 * address ({@link LoginThrottle}), logged at WARN with the device id it claimed and the address (never
 * the token or password; at most {@link #LINES_PER_WINDOW} lines every ten seconds) and counted in
 * {@code gridwarden_ingest_login_failures_total}; an address that fails too often is refused everything
 * for a while, counted in {@code gridwarden_ingest_logins_throttled_total}. One per process.
 */
final class LoginGuard {

    static final String HTTP = "http";
    static final String MQTT = "mqtt";
    static final int LINES_PER_WINDOW = 10;
    private static final long LOG_WINDOW_MILLIS = 10_000;
    private static final int MAX_CLAIMED_CHARS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);

    private final LoginThrottle throttle;
    private final RateLimitedLog log;
    private final Counter failures;
    private final Counter throttled;

    LoginGuard(LoginThrottleLimits limits, PrometheusRegistry registry, Clock clock) {
        this.throttle = new LoginThrottle(limits, clock::millis);
        this.log = new RateLimitedLog(LOG, LINES_PER_WINDOW, LOG_WINDOW_MILLIS, clock::millis);
        this.failures = Counter.builder().name("gridwarden_ingest_login_failures_total")
                .help("Failed device logins (missing or unknown token, bad MQTT username or password), by transport")
                .labelNames("transport").register(registry);
        this.throttled = Counter.builder().name("gridwarden_ingest_logins_throttled_total")
                .help("Requests and CONNECTs refused unread because their address failed to log in too often, by transport")
                .labelNames("transport").register(registry);
    }

    /** Refuses a request from an address that is blocked (before its credentials are looked at), with when to come back. */
    Optional<Rejection> throttled(String transport, String address) {
        long millis = throttle.blockedForMillis(address);
        if (millis == 0) {
            return Optional.empty();
        }
        throttled.labelValues(transport).inc();
        int seconds = (int) Math.max(1, (millis + 999) / 1000);
        return Optional.of(Rejection.retryLater(Rejection.Reason.LOGIN_THROTTLED, "too many failed logins from " + address
                + "; nothing from it is accepted for " + seconds + " s. Check the device's token", seconds));
    }

    /**
     * Counts a failed login from {@code address}.
     *
     * @param claimed the device id the client gave (MQTT username), null when it gave none (HTTP)
     * @param why     what was wrong, in words that never include the secret
     */
    void failed(String transport, String address, String claimed, String why) {
        failures.labelValues(transport).inc();
        boolean blocked = throttle.failed(address);
        log.warn("device login failed over {} from {}: claimed device {}, {}", transport, address, printable(claimed), why);
        if (blocked) {
            log.warn("{} is refused everything for a while: too many failed device logins", address);
        }
    }

    /** A client's text fit for a log line: no line breaks or control characters (no forged lines), and short. */
    static String printable(String claimed) {
        if (claimed == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        claimed.codePoints().limit(MAX_CLAIMED_CHARS)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return '"' + out.toString() + (claimed.codePointCount(0, claimed.length()) > MAX_CLAIMED_CHARS ? "…\"" : "\"");
    }
}
