package io.gridwarden.ingest;

import io.gridwarden.common.town.Device;
import java.time.Instant;
import java.util.Optional;

/**
 * A request body's way in, the same for HTTP and MQTT: {@link EventAdmission}'s checks, with the device
 * charged ({@link IngestGuard}) for what the request costs, whether the request is then accepted or not.
 *
 * <ol>
 *   <li>its bytes, before anything of it is read: over the device's byte rate, it is refused unread (so the
 *       byte rate bounds the reading a device can cost);
 *   <li>its events, counted as the usual body is parsed (in one pass that stops past the batch limit; an
 *       unusual body is counted before it is parsed): too many, and it is refused and charged what it counted;
 *       over the device's event rate, it is refused and nothing of it is stored;
 *   <li>parsed and checked: refused, it keeps what it was charged; accepted, it is charged one token more
 *       for each object of a frame beyond the first four, and refused if the device cannot afford them.
 * </ol>
 */
final class MeteredAdmission {

    private final EventAdmission admission;
    private final IngestGuard guard;

    MeteredAdmission(EventAdmission admission, IngestGuard guard) {
        this.admission = admission;
        this.guard = guard;
    }

    /** The log entries to append for this body, or why it is refused; the device has been charged either way. */
    EventAdmission.Admission admit(Device device, BodyShape shape, byte[] body, Instant now) {
        String deviceId = device.id();
        Optional<Rejection> over = guard.chargeBytes(deviceId, body.length);
        if (over.isPresent()) {
            return EventAdmission.Admission.refuse(over.get());
        }
        EventAdmission.Read read = admission.read(shape, body, now);
        if (read.rejection() != null) {
            guard.chargeRefusedEvents(deviceId, read.events());
            return EventAdmission.Admission.refuse(read.rejection());
        }
        over = guard.chargeEvents(deviceId, read.events());
        if (over.isPresent()) {
            return EventAdmission.Admission.refuse(over.get());
        }
        EventAdmission.Admission admitted = admission.admit(device, read.stamped(), now);
        if (!admitted.accepted()) {
            return admitted;
        }
        over = guard.chargeEvents(deviceId, admitted.tokens() - read.events());
        return over.isPresent() ? EventAdmission.Admission.refuse(over.get()) : admitted;
    }
}
