package io.gridwarden.ingest;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventLimits;
import io.gridwarden.common.town.FrigateNvr;
import io.gridwarden.ingest.FrigateRefusal.Reason;
import java.time.Instant;
import java.util.Optional;

/**
 * What one Frigate event says about a town camera, in gridwarden's terms: the pixel box normalised by the
 * camera's detect resolution, the label mapped, the best score as confidence, Frigate's event id as the track,
 * and Frigate's snapshot of the event as the frame's picture. Pure.
 */
final class FrigateConverter {

    /**
     * One tracked object's state on a town camera at {@code time}.
     *
     * @param eventId  the id the frame is stored under: Frigate's event id, the message type and its frame time, so that
     *                 the same message sent again is a duplicate and every other message is not
     * @param object   the object as the camera shows it now, or null when it is no longer shown ({@code end})
     * @param snapshot Frigate's snapshot of this event ({@code <api>/api/events/<id>/snapshot.jpg}) when it has one, else null
     */
    record Sighting(String camera, String eventId, String track, Instant time, DetectedObject object, String snapshot) {}

    private FrigateConverter() {}

    /** The sighting, or empty when the NVR's camera is one the town does not watch; refuses what cannot be a Frigate event of this NVR. */
    static Optional<Sighting> convert(FrigateNvr nvr, FrigateEvent event, Instant now) throws FrigateRefusal {
        FrigateNvr.Camera camera = nvr.camera(event.camera()).orElseThrow(() -> new FrigateRefusal(Reason.UNKNOWN_CAMERA,
                "camera \"" + event.camera() + "\" is not one of " + nvr.id() + "'s cameras in the town file (nvrs[].cameras[].frigate)"));
        if (!camera.watched()) {
            return Optional.empty();
        }
        Box box = normalised(event.box(), camera);
        String label = nvr.label(event.label());
        if (label.length() > EventLimits.LABEL) {
            throw new FrigateRefusal(Reason.BAD_FIELD, "label \"" + label + "\" is longer than " + EventLimits.LABEL + " characters");
        }
        Instant time = seenAt(event);
        if (time.isAfter(now.plus(EventCodec.MAX_CLOCK_AHEAD))) {
            throw new FrigateRefusal(Reason.FUTURE_TIME, "frame_time " + time + " is more than " + EventCodec.MAX_CLOCK_AHEAD.toMinutes()
                    + " minutes ahead of gridwarden's clock; set the NVR's clock (NTP)");
        }
        String eventId = event.id() + "/" + event.type().wireName() + "/" + micros(event.frameTime());
        if (!event.present()) {
            return Optional.of(new Sighting(camera.camera(), eventId, event.id(), time, null, null));
        }
        String snapshot = event.hasSnapshot() ? nvr.snapshotUrl(event.id()).filter(url -> url.length() <= EventLimits.SNAPSHOT).orElse(null) : null;
        return Optional.of(new Sighting(camera.camera(), eventId, event.id(), time,
                new DetectedObject(event.id(), label, event.confidence(), box), snapshot));
    }

    /** {@code [x1, y1, x2, y2]} in pixels of the detect stream → {@code [x, y, w, h]} in 0..1; the box must lie inside the image. */
    static Box normalised(double[] pixels, FrigateNvr.Camera camera) throws FrigateRefusal {
        double x1 = pixels[0];
        double y1 = pixels[1];
        double x2 = pixels[2];
        double y2 = pixels[3];
        if (x1 < 0 || y1 < 0 || x2 < x1 || y2 < y1 || x2 > camera.width() || y2 > camera.height()) {
            throw new FrigateRefusal(Reason.BOX_OUTSIDE, "box [" + fmt(x1) + ", " + fmt(y1) + ", " + fmt(x2) + ", " + fmt(y2)
                    + "] is not inside " + camera.frigate() + "'s detect resolution " + camera.width() + "×" + camera.height()
                    + "; make nvrs[].cameras[].detect match Frigate's cameras." + camera.frigate() + ".detect");
        }
        double w = camera.width();
        double h = camera.height();
        return new Box(x1 / w, y1 / h, (x2 - x1) / w, (y2 - y1) / h);
    }

    /** When the camera showed this state: the frame's time, or for an end the time Frigate ended it, just after the object's last frame. */
    private static Instant seenAt(FrigateEvent event) {
        double seconds = event.endTime() == null ? event.frameTime() : Math.max(event.endTime(), event.frameTime() + 0.001);
        return Instant.EPOCH.plusNanos(micros(seconds) * 1_000);
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1_000_000);
    }

    private static String fmt(double pixels) {
        return pixels == Math.rint(pixels) ? Long.toString((long) pixels) : Double.toString(pixels);
    }
}
