package io.gridwarden.alerting;

import io.gridwarden.alerting.delivery.RetryPolicy;
import io.gridwarden.common.tls.PemFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything alerting can be configured with, and the only place its defaults live.
 *
 * @param host                    interface the operations API binds to
 * @param httpPort                port of the operations API (0: any free port, for tests)
 * @param dataDir                 alerting's own state (delivered-commands store, violation store, audit log)
 * @param commandGatewayOverride  base URL used instead of the town's {@code commandGateway}; null: the town's
 * @param retry                   how failed deliveries are retried
 * @param deliveryTimeout         how long one delivery attempt may take before it counts as failed
 * @param maxInFlightDeliveries   deliveries under way at once; the action tailer waits when this many are
 * @param maxViolations           most violations (or audit entries) one history page may ask for ({@code limit})
 * @param keepAliveInterval       how often an idle alert stream gets a comment line; shorter than the idle timeout,
 *                                so a healthy stream is never closed as idle
 * @param retention               how long violations that are over stay in the violation store
 * @param sweepInterval           how often violations older than the retention are deleted
 * @param limits                  what the operations API takes before it refuses (connections, streams, logins)
 * @param tls                     the operations API's TLS identity; present: it serves HTTPS only
 * @param handsetEvents           ingest's {@code /v1/events} URL as officers' handsets reach it: where the officer's page
 *                                sends acknowledgements and status reports (its CSP allows connecting there only); null:
 *                                the page cannot send
 */
public record AlertingConfig(
        String host,
        int httpPort,
        Path dataDir,
        String commandGatewayOverride,
        RetryPolicy retry,
        Duration deliveryTimeout,
        int maxInFlightDeliveries,
        int maxViolations,
        Duration keepAliveInterval,
        Duration retention,
        Duration sweepInterval,
        OpsLimits limits,
        Optional<PemFiles> tls,
        String handsetEvents) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_HTTP_PORT = 8090;
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;
    public static final int DEFAULT_MAX_VIOLATIONS = 1000;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);

    public AlertingConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0..65535, got " + httpPort);
        }
        if (maxInFlightDeliveries < 1 || maxViolations < 1) {
            throw new IllegalArgumentException("maxInFlightDeliveries and maxViolations must be positive");
        }
        if (retention.isNegative() || retention.isZero() || sweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("retention and sweepInterval must be positive, got " + retention + ", " + sweepInterval);
        }
        if (handsetEvents != null && !handsetEvents.matches("https?://[^/\\s'\";]+/v1/events")) {
            throw new IllegalArgumentException("handsetEvents must be ingest's events URL, http(s)://<host>[:port]/v1/events, got " + handsetEvents);
        }
        if (keepAliveInterval.toMillis() < 1 || keepAliveInterval.compareTo(limits.idleTimeout()) >= 0) {
            throw new IllegalArgumentException("keepAliveInterval must be positive and shorter than the idle timeout ("
                    + limits.idleTimeout() + "), else idle alert streams are closed; got " + keepAliveInterval);
        }
    }

    /** The production defaults, keeping state under {@code dataDir}. */
    public static AlertingConfig defaults(Path dataDir) {
        return new AlertingConfig(DEFAULT_HOST, DEFAULT_HTTP_PORT, dataDir, null, RetryPolicy.defaults(),
                DEFAULT_DELIVERY_TIMEOUT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_VIOLATIONS, DEFAULT_KEEP_ALIVE,
                DEFAULT_RETENTION, DEFAULT_SWEEP_INTERVAL, OpsLimits.defaults(), Optional.empty(), null);
    }

    public AlertingConfig withHost(String newHost) {
        return new AlertingConfig(newHost, httpPort, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, limits, tls, handsetEvents);
    }

    public AlertingConfig withHttpPort(int port) {
        return new AlertingConfig(host, port, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, limits, tls, handsetEvents);
    }

    public AlertingConfig withCommandGateway(String gateway) {
        return new AlertingConfig(host, httpPort, dataDir, gateway, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, limits, tls, handsetEvents);
    }

    public AlertingConfig withRetry(RetryPolicy policy) {
        return new AlertingConfig(host, httpPort, dataDir, commandGatewayOverride, policy, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, limits, tls, handsetEvents);
    }

    public AlertingConfig withKeepAliveInterval(Duration interval) {
        return new AlertingConfig(host, httpPort, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, interval, retention, sweepInterval, limits, tls, handsetEvents);
    }

    public AlertingConfig withRetention(Duration keep, Duration every) {
        return new AlertingConfig(host, httpPort, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, keep, every, limits, tls, handsetEvents);
    }

    public AlertingConfig withLimits(OpsLimits newLimits) {
        return new AlertingConfig(host, httpPort, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, newLimits, tls, handsetEvents);
    }

    /** Serves the operations API over HTTPS with this certificate and key (null: plain HTTP). */
    public AlertingConfig withTls(PemFiles identity) {
        return new AlertingConfig(host, httpPort, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, limits, Optional.ofNullable(identity), handsetEvents);
    }

    /** Where the officer's page sends its events: ingest's {@code /v1/events} as handsets reach it (an absolute http(s) URL). */
    public AlertingConfig withHandsetEvents(String eventsUrl) {
        return new AlertingConfig(host, httpPort, dataDir, commandGatewayOverride, retry, deliveryTimeout,
                maxInFlightDeliveries, maxViolations, keepAliveInterval, retention, sweepInterval, limits, tls, eventsUrl);
    }
}
