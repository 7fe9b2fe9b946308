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

    private final Counter messages;
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

    void rejected(FrigateRefusal.Reason reason) {
        rejected.labelValues(reason.label).inc();
    }

    void dropped(int objects) {
        if (objects > 0) {
            dropped.inc(objects);
        }
    }
}
