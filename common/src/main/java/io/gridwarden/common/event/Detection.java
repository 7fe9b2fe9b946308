package io.gridwarden.common.event;

import java.util.List;

/**
 * A camera frame: every object seen in it ({@code objects} may be empty: nothing seen).
 *
 * @param snapshot a URL of the frame's picture on the device; null: none
 * @param evidence the ref ({@code sha256:<64 hex>}) of the frame's picture in the evidence store
 *                 ({@link io.gridwarden.common.evidence.EvidenceStore}); null: none
 */
public record Detection(List<DetectedObject> objects, String snapshot, String evidence) implements EventData {
    public Detection {
        objects = List.copyOf(objects);
    }

    /** A frame without a stored picture. */
    public Detection(List<DetectedObject> objects, String snapshot) {
        this(objects, snapshot, null);
    }
}
