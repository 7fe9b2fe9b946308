package io.gridwarden.ingest;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What ingest made of Frigate NVRs' messages: beside the MQTT endpoint's own metrics ({@link MqttMetrics}), once per process. */
final class FrigateMetrics {

    /** A Frigate event stored as a frame of its camera. */
    static final String FRAME = "frame";
    /** A Frigate event of a camera the town file lists without a town camera: dropped. */
    static final String NOT_WATCHED = "not_watched";
    /** Another of Frigate's topics (stats, counts, states, reviews): dropped. */
    static final String IGNORED = "ignored";

    /** Outcomes of fetching a Frigate event's snapshot into the evidence store ({@link FrigateSnapshots}). */
    static final String SNAPSHOT_STORED = "stored";
    static final String SNAPSHOT_HTTP_ERROR = "http_error";
    static final String SNAPSHOT_TIMEOUT = "timeout";
    static final String SNAPSHOT_TOO_LARGE = "too_large";
    static final String SNAPSHOT_FAILED = "failed";
    static final String SNAPSHOT_REFUSED = "store_refused";
    static final String SNAPSHOT_BUSY = "busy";

    private final Counter messages;
    private final Counter snapshots;
    private final Counter rejected;
    private final Counter dropped;

    FrigateMetrics(PrometheusRegistry registry) {
        messages = Counter.builder().name("gridwarden_ingest_frigate_messages_total")
                .help("Messages from Frigate NVRs taken, by outcome: frame (stored), not_watched, ignored (other topics), online, offline")
                .labelNames("outcome").register(registry);
        rejected = Counter.builder().name("gridwarden_ingest_frigate_messages_rejected_total")
                .help("Frigate events refused (nothing stored), by reason").labelNames("reason").register(registry);
        dropped = Counter.builder().name("gridwarden_ingest_frigate_objects_dropped_total")
                .help("Objects left out of their camera's frames without an end from Frigate: not heard of for 90 s, or the camera full")
                .register(registry);
        snapshots = Counter.builder().name("gridwarden_ingest_frigate_snapshots_total")
                .help("Fetches of Frigate events' snapshots into the evidence store, by outcome: stored, http_error, timeout,"
                        + " too_large, failed (connection), store_refused, busy (too many fetches in flight: skipped)")
                .labelNames("outcome").register(registry);
        for (String outcome : new String[] {SNAPSHOT_STORED, SNAPSHOT_HTTP_ERROR, SNAPSHOT_TIMEOUT, SNAPSHOT_TOO_LARGE, SNAPSHOT_FAILED,
                SNAPSHOT_REFUSED, SNAPSHOT_BUSY}) {
            snapshots.initLabelValues(outcome);
        }
        for (String outcome : new String[] {FRAME, NOT_WATCHED, IGNORED, "online", "offline"}) {
            messages.initLabelValues(outcome);
        }
        for (FrigateRefusal.Reason reason : FrigateRefusal.Reason.values()) {
            rejected.initLabelValues(reason.label);
        }
    }

    void message(String outcome) {
        messages.labelValues(outcome).inc();
    }

    void snapshot(String outcome) {
        snapshots.labelValues(outcome).inc();
    }

    void rejected(FrigateRefusal.Reason reason) {
        rejected.labelValues(reason.label).inc();
    }

    void dropped(int objects) {
        if (objects > 0) {
            dropped.inc(objects);
        }
    }
}
