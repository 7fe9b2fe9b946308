package io.gridwarden.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One message of a Frigate NVR's {@code <topic_prefix>/events} topic, as ingest reads it: the kind of change and
 * the tracked object's state after it (Frigate's {@code after}; {@code before} says nothing gridwarden needs).
 * Frigate 0.13 and 0.14 publish this shape; members gridwarden does not read are ignored.
 *
 * @param id         Frigate's event id, e.g. {@code 1607123955.475377-mxklsc}: one tracked object, from {@code new} to {@code end}
 * @param box        {@code [x1, y1, x2, y2]} in pixels of the camera's detect stream
 * @param topScore   the best score the object has had, or null when absent
 * @param frameTime  the frame the state is from, seconds since the epoch
 * @param endTime    when the object left (set on {@code end}), or null
 */
record FrigateEvent(Type type, String id, String camera, String label, double score, Double topScore, double[] box,
        double frameTime, Double endTime, boolean falsePositive, boolean stationary, List<String> currentZones,
        List<String> enteredZones, boolean hasSnapshot) {

    /** Frigate's {@code type}: an object first confirmed, a change to it, or its end (it left, or Frigate lost it). */
    enum Type {
        NEW, UPDATE, END;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Type> fromWire(String name) {
            for (Type type : values()) {
                if (type.wireName().equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    FrigateEvent {
        box = box.clone();
        currentZones = List.copyOf(currentZones);
        enteredZones = List.copyOf(enteredZones);
    }

    @Override
    public double[] box() {
        return box.clone();
    }

    /** Whether the camera still shows the object after this message: not when it ended, nor while Frigate holds it a false positive. */
    boolean present() {
        return type != Type.END && !falsePositive;
    }

    /** Frigate's confidence that the object is what it says: its best score so far, which a parked car keeps while its frame score wavers. */
    double confidence() {
        return topScore != null ? topScore : score;
    }
}
