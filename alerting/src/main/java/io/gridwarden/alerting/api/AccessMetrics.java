package io.gridwarden.alerting.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/** How the operations API's limits are hit: refused connections and streams, cut-off requests, failed and throttled logins. */
public final class AccessMetrics {

    private static final String PREFIX = "gridwarden_alerting_ops_";

    private final PrometheusRegistry registry;
    private final Counter connectionsRefused = Counter.builder().name(PREFIX + "connections_refused_total")
            .help("Connections to the operations port closed at once because it held as many as allowed").build();
    private final Counter readTimeouts = Counter.builder().name(PREFIX + "request_read_timeouts_total")
            .help("Connections closed because a whole request did not arrive within the request-read timeout").build();
    private final Counter streamsRefused = Counter.builder().name(PREFIX + "streams_refused_total")
            .help("Alert streams refused, by the limit hit (per-operator, in-all)").labelNames("reason").build();
    private final Counter loginFailures = Counter.builder().name(PREFIX + "login_failures_total")
            .help("Requests with an operator token this town does not know").build();
    private final Counter loginsThrottled = Counter.builder().name(PREFIX + "logins_throttled_total")
            .help("Requests refused with 429 because their address failed to log in too often").build();
    private final List<Collector> all = List.of(connectionsRefused, readTimeouts, streamsRefused, loginFailures, loginsThrottled);

    public AccessMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        all.forEach(registry::register);
    }

    void connectionRefused() {
        connectionsRefused.inc();
    }

    void requestReadTimedOut() {
        readTimeouts.inc();
    }

    void streamRefused(String reason) {
        streamsRefused.labelValues(reason).inc();
    }

    void loginFailed() {
        loginFailures.inc();
    }

    void loginThrottled() {
        loginsThrottled.inc();
    }

    public void unregister() {
        all.forEach(registry::unregister);
    }
}
