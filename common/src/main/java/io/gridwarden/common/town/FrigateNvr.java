package io.gridwarden.common.town;

import java.util.Map;
import java.util.Optional;

/**
 * A Frigate NVR of the town as ingest uses it, checked and resolved: the topics it publishes under, which
 * town camera each of its Frigate cameras is and at what detect resolution, how its labels read, and where its
 * HTTP API serves event snapshots.
 *
 * @param topicPrefix Frigate's {@code mqtt.topic_prefix}: it publishes {@code <topicPrefix>/events} and {@code <topicPrefix>/available}
 * @param cameras     by Frigate camera name
 * @param labels      Frigate label → gridwarden label, for the labels that differ
 * @param snapshotApi the NVR's HTTP API ({@code http(s)://…}, no trailing slash), or null
 * @param fetchSnapshots whether ingest fetches its events' snapshots from that API into the evidence store
 *                       ({@code snapshots.fetch}); never without an API
 */
public record FrigateNvr(String id, String topicPrefix, Map<String, Camera> cameras, Map<String, String> labels, String snapshotApi,
        boolean fetchSnapshots) {

    /** Frigate's default {@code mqtt.topic_prefix}. */
    public static final String DEFAULT_TOPIC_PREFIX = "frigate";

    public FrigateNvr {
        cameras = Map.copyOf(cameras);
        labels = Map.copyOf(labels);
        fetchSnapshots = fetchSnapshots && snapshotApi != null;
    }

    /** An NVR whose snapshots are pointed at, not fetched. */
    public FrigateNvr(String id, String topicPrefix, Map<String, Camera> cameras, Map<String, String> labels, String snapshotApi) {
        this(id, topicPrefix, cameras, labels, snapshotApi, false);
    }

    /**
     * One Frigate camera: the town camera it is ({@code camera} null: the NVR has it but the town does not watch it)
     * and the size of its detect stream, which Frigate's pixel boxes are measured in.
     */
    public record Camera(String frigate, String camera, int width, int height) {

        public boolean watched() {
            return camera != null;
        }
    }

    public Optional<Camera> camera(String frigateName) {
        return Optional.ofNullable(cameras.get(frigateName));
    }

    /** The gridwarden label of a Frigate label: the town's mapping, else the same word ({@code car} stays {@code car}). */
    public String label(String frigateLabel) {
        return labels.getOrDefault(frigateLabel, frigateLabel);
    }

    /** Where Frigate serves the snapshot of one of its events, or empty without an API. */
    public Optional<String> snapshotUrl(String eventId) {
        return snapshotApi == null ? Optional.empty() : Optional.of(snapshotApi + "/api/events/" + eventId + "/snapshot.jpg");
    }
}
