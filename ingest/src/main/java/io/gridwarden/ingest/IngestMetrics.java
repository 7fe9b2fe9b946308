package io.gridwarden.ingest;

import io.gridwarden.common.log.AppendResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/** Ingest's Prometheus metrics: what was stored, what was refused and why, and how long an ack took. */
final class IngestMetrics {

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;
    private final Histogram ackLatency;

    IngestMetrics(PrometheusRegistry registry, HttpConnectionCap connections) {
        GaugeWithCallback.builder().name("gridwarden_ingest_http_connections")
                .help("HTTP connections open").callback(gauge -> gauge.call(connections.open())).register(registry);
        CounterWithCallback.builder().name("gridwarden_ingest_http_connections_refused_total")
                .help("HTTP connections closed on arrival because the server holds its maximum")
                .callback(counter -> counter.call(connections.refused())).register(registry);
        accepted = Counter.builder().name("gridwarden_ingest_events_accepted_total")
                .help("Events made durable in the event log").register(registry);
        duplicates = Counter.builder().name("gridwarden_ingest_events_duplicate_total")
                .help("Events acknowledged as repeats of a (source, id) already stored").register(registry);
        rejected = Counter.builder().name("gridwarden_ingest_requests_rejected_total")
                .help("Requests refused, by reason").labelNames("reason").register(registry);
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            rejected.initLabelValues(reason.label); // a series from the start, so rate() and dashboards see 0, not nothing
        }
        ackLatency = Histogram.builder().name("gridwarden_ingest_ack_latency_seconds").unit(Unit.SECONDS)
                .help("From a request received to its events durable and acknowledged")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
    }

    void acknowledged(AppendResult result, long receivedNanos) {
        accepted.inc(result.accepted());
        duplicates.inc(result.duplicates());
        ackLatency.observe((System.nanoTime() - receivedNanos) / 1e9);
    }

    void rejected(Rejection.Reason reason) {
        rejected.labelValues(reason.label).inc();
    }
}
