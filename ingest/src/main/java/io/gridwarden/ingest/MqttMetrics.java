package io.gridwarden.ingest;

import io.gridwarden.common.log.AppendResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The MQTT endpoint's Prometheus metrics of events in. Kept apart from the HTTP ones ({@link IngestMetrics})
 * so that the HTTP series keep their names and labels; both live in the same registry. The sessions'
 * metrics are {@link MqttSessionMetrics}. Registered once per process and shared by every endpoint instance.
 */
final class MqttMetrics {

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter connectionsRefused;
    private final Histogram pubAckLatency;

    MqttMetrics(PrometheusRegistry registry) {
        accepted = Counter.builder().name("gridwarden_ingest_mqtt_events_accepted_total")
                .help("Events received over MQTT and made durable in the event log").register(registry);
        duplicates = Counter.builder().name("gridwarden_ingest_mqtt_events_duplicate_total")
                .help("Events received over MQTT that repeat a (source, id) already stored").register(registry);
        rejected = Counter.builder().name("gridwarden_ingest_mqtt_publishes_rejected_total")
                .help("PUBLISH packets refused (nothing stored), by MQTT 5 reason code").labelNames("reason").register(registry);
        connectionsRefused = Counter.builder().name("gridwarden_ingest_mqtt_connections_refused_total")
                .help("CONNECTs refused, by reason").labelNames("reason").register(registry);
        // series from the start for the reasons known up front, so rate() and dashboards see 0, not nothing
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            rejected.initLabelValues(MqttReasonCodes.label(MqttReasonCodes.pubAck(reason)));
        }
        connectionsRefused.initLabelValues("bad_credentials");
        pubAckLatency = Histogram.builder().name("gridwarden_ingest_mqtt_puback_latency_seconds").unit(Unit.SECONDS)
                .help("From a QoS 1 PUBLISH received to its events durable and the PUBACK sent")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
    }

    void stored(AppendResult result) {
        accepted.inc(result.accepted());
        duplicates.inc(result.duplicates());
    }

    void pubAcked(long receivedNanos) {
        pubAckLatency.observe((System.nanoTime() - receivedNanos) / 1e9);
    }

    void rejected(String reason) {
        rejected.labelValues(reason).inc();
    }

    void connectionRefused(String reason) {
        connectionsRefused.labelValues(reason).inc();
    }
}
