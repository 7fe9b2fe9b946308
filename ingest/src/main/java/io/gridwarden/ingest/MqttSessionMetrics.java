package io.gridwarden.ingest;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MQTT sessions' metrics: devices connected, persistent sessions kept for offline devices, what
 * became of each command pushed, and commands a session dropped. Registered once per process: every
 * endpoint instance shares one {@link MqttDeviceSessions} and so these.
 */
final class MqttSessionMetrics {

    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();
    private final Counter commands;
    private final Counter dropped;

    MqttSessionMetrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("gridwarden_ingest_mqtt_clients")
                .help("MQTT connections open (devices holding a live session)").callback(gauge -> gauge.call(connected.get()))
                .register(registry);
        GaugeWithCallback.builder().name("gridwarden_ingest_mqtt_sessions_stored")
                .help("Persistent MQTT sessions kept for devices that are offline").callback(gauge -> gauge.call(stored.get()))
                .register(registry);
        commands = Counter.builder().name("gridwarden_ingest_mqtt_commands_total")
                .help("Commands pushed to devices over MQTT, by outcome (held: kept in an offline device's persistent session)")
                .labelNames("outcome").register(registry);
        dropped = Counter.builder().name("gridwarden_ingest_mqtt_session_commands_dropped_total")
                .help("Commands a session held for its device and dropped undelivered, by reason")
                .labelNames("reason").register(registry);
    }

    /** Live connections; a session's transitions keep it current. */
    AtomicInteger connected() {
        return connected;
    }

    /** Offline persistent sessions; a session's transitions keep it current. */
    AtomicInteger stored() {
        return stored;
    }

    void command(String outcome) {
        commands.labelValues(outcome).inc();
    }

    void dropped(String reason, int count) {
        if (count > 0) {
            dropped.labelValues(reason).inc(count);
        }
    }
}
