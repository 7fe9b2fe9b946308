package io.gridwarden.common.event;

import java.util.List;

/** A camera frame: every object seen in it ({@code objects} may be empty: nothing seen). */
public record Detection(List<DetectedObject> objects, String snapshot) implements EventData {
    public Detection {
        objects = List.copyOf(objects);
    }
}
