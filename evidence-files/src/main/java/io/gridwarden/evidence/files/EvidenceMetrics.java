package io.gridwarden.evidence.files;

import io.gridwarden.common.evidence.EvidenceRefusedException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/** The evidence store's Prometheus metrics: pictures stored, refused (by reason) and expired, bytes and pictures held. */
public final class EvidenceMetrics implements EvidenceObserver {

    private final Counter stored;
    private final Counter storedBytes;
    private final Counter refused;
    private final Counter expired;

    private EvidenceMetrics(PrometheusRegistry registry, FileEvidenceStore store) {
        stored = Counter.builder().name("gridwarden_evidence_stored_total")
                .help("Pictures put into the evidence store, by whether they were new or already held").labelNames("outcome")
                .register(registry);
        storedBytes = Counter.builder().name("gridwarden_evidence_stored_bytes_total").unit(Unit.BYTES)
                .help("Bytes of new pictures written to the evidence store").register(registry);
        refused = Counter.builder().name("gridwarden_evidence_refused_total")
                .help("Pictures the evidence store refused, by reason").labelNames("reason").register(registry);
        expired = Counter.builder().name("gridwarden_evidence_expired_total")
                .help("Pictures deleted because they were older than the retention").register(registry);
        GaugeWithCallback.builder().name("gridwarden_evidence_bytes").unit(Unit.BYTES)
                .help("Bytes of pictures held in the evidence store").callback(g -> g.call(store.totalBytes())).register(registry);
        GaugeWithCallback.builder().name("gridwarden_evidence_pictures")
                .help("Pictures held in the evidence store").callback(g -> g.call(store.pictures())).register(registry);
    }

    /** Registers the metrics of {@code store} on {@code registry} and has the store report to them. */
    public static void track(PrometheusRegistry registry, FileEvidenceStore store) {
        store.observe(new EvidenceMetrics(registry, store));
    }

    @Override
    public void stored(long bytes) {
        stored.labelValues("new").inc();
        storedBytes.inc(bytes);
    }

    @Override
    public void duplicate() {
        stored.labelValues("duplicate").inc();
    }

    @Override
    public void refused(EvidenceRefusedException.Reason reason) {
        refused.labelValues(reason.label).inc();
    }

    @Override
    public void expired(int pictures, long bytes) {
        expired.inc(pictures);
    }
}
