package io.gridwarden.alerting.metrics;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;

/** Alerting's Prometheus metrics: registered on start, unregistered on stop so a redeploy can register again. */
public final class AlertingMetrics {

    private static final String PREFIX = "gridwarden_alerting_";

    private final PrometheusRegistry registry;
    private final Counter delivered = Counter.builder().name(PREFIX + "commands_delivered_total")
            .help("Commands a device (or its gateway) has taken, by command type").labelNames("type").build();
    private final Counter retries = Counter.builder().name(PREFIX + "delivery_retries_total")
            .help("Delivery attempts that failed and were scheduled again, by command type").labelNames("type").build();
    private final Counter expired = Counter.builder().name(PREFIX + "commands_expired_total")
            .help("Commands that expired before they could be delivered, by command type").labelNames("type").build();
    private final Counter abandoned = Counter.builder().name(PREFIX + "commands_abandoned_total")
            .help("Commands without expiry given up after the maximum number of attempts, by command type").labelNames("type").build();
    private final Counter alreadyDelivered = Counter.builder().name(PREFIX + "commands_already_delivered_total")
            .help("Commands found in the action log that an earlier run had delivered, so not sent again").build();
    private final Counter byChannel = Counter.builder().name(PREFIX + "commands_handed_over_total")
            .help("Commands handed over to devices, by channel (mqtt, webhook)").labelNames("channel").build();
    private final Counter acked = Counter.builder().name(PREFIX + "commands_acked_total")
            .help("Acknowledgements devices sent for commands, by result").labelNames("result").build();
    private final Counter sweptViolations = Counter.builder().name(PREFIX + "violations_swept_total")
            .help("Violations over and older than the retention, deleted from the violation store").build();
    private final Counter sweptRecords = Counter.builder().name(PREFIX + "records_swept_total")
            .help("Records past their retention deleted from alerting's other bounded stores, by store (delivered_commands, audit)")
            .labelNames("store").build();
    private final Histogram latency = Histogram.builder().name(PREFIX + "delivery_latency_seconds")
            .help("From handing a command to delivery to the device taking it, retries included")
            .classicOnly().classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300).build();
    private final Gauge sseClients = Gauge.builder().name(PREFIX + "sse_clients")
            .help("Open alert streams").build();
    private final Gauge violationsOpen = Gauge.builder().name(PREFIX + "violations_open")
            .help("Violations whose status is not terminal, by status").labelNames("status").build();
    private final List<Collector> all = List.of(delivered, byChannel, acked, sweptViolations, sweptRecords, retries, expired, abandoned, alreadyDelivered, latency, sseClients, violationsOpen);

    public AlertingMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        all.forEach(registry::register);
        for (String type : List.of(Command.VOICE_WARNING, Command.ASSIGNMENT, Command.ASSIGNMENT_CANCELLED)) {
            // a series per command type from the start, so rate() and dashboards see 0, not nothing
            delivered.initLabelValues(type);
            retries.initLabelValues(type);
            expired.initLabelValues(type);
        }
    }

    public void delivered(String type, String channel, Duration took) {
        delivered.labelValues(type).inc();
        byChannel.labelValues(channel).inc();
        latency.observe(took.toNanos() / 1e9);
    }

    public void retried(String type) {
        retries.labelValues(type).inc();
    }

    public void expired(String type) {
        expired.labelValues(type).inc();
    }

    public void abandoned(String type) {
        abandoned.labelValues(type).inc();
    }

    public void alreadyDelivered() {
        alreadyDelivered.inc();
    }

    public void acked(String result) {
        acked.labelValues(result == null ? "unknown" : result).inc();
    }

    public void swept(int count) {
        sweptViolations.inc(count);
    }

    /** {@code count} records of {@code store} deleted by a sweep. */
    public void swept(String store, int count) {
        sweptRecords.labelValues(store).inc(count);
    }

    public void streamOpened() {
        sseClients.inc();
    }

    public void streamClosed() {
        sseClients.dec();
    }

    /** The store's open violations by status (each status not terminal gets a sample, 0 when none). */
    public void openViolations(java.util.Map<ViolationStatus, Long> counts) {
        for (ViolationStatus status : ViolationStatus.values()) {
            if (!status.terminal()) {
                violationsOpen.labelValues(status.wireName()).set(counts.getOrDefault(status, 0L));
            }
        }
    }

    public void unregister() {
        all.forEach(registry::unregister);
    }
}
