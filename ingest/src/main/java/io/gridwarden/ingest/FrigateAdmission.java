package io.gridwarden.ingest;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.FrigateNvr;
import io.gridwarden.common.town.Town;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Frigate NVR's MQTT PUBLISHes under its topic prefix, taken as Frigate sends them: each message of
 * {@code <prefix>/events} becomes a {@code gw.detection} frame of the mapped town camera ({@link FrigateConverter},
 * {@link FrigateScenes}), stored like a camera's own; {@code <prefix>/available} is logged and counted; Frigate's
 * other topics (stats, object counts, states, reviews) are taken and dropped, since refusing them would make an
 * MQTT 3.1.1 client such as Frigate lose its connection. The NVR is charged for every message, as any device.
 * For an NVR that fetches its snapshots, the frame waits (at most {@link FrigateSnapshots#TIMEOUT}) for its
 * event's snapshot to be stored, and carries its ref as {@code data.evidence}, or goes without.
 */
final class FrigateAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(FrigateAdmission.class);
    private static final String EVENTS = "events";
    private static final String AVAILABLE = "available";

    private volatile Town town;
    private final IngestGuard guard;
    private final FrigateScenes scenes;
    private final FrigateMetrics metrics;
    private final FrigateSnapshots snapshots;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, 10, 60_000, System::currentTimeMillis);

    FrigateAdmission(Town town, IngestGuard guard, FrigateMetrics metrics, FrigateSnapshots snapshots) {
        this.town = town;
        this.guard = guard;
        this.scenes = new FrigateScenes(town.maxObjectsPerFrame());
        this.metrics = metrics;
        this.snapshots = snapshots;
    }

    /** A new town version: its NVRs and their camera maps from the next message on; the objects Frigate reported live on. */
    void use(Town next) {
        this.town = next;
    }

    /** Whether this PUBLISH is a Frigate NVR's, on a topic under its prefix. */
    boolean handles(Device device, String topic) {
        return device.kind() == Device.Kind.NVR && town.nvr(device.id()).filter(nvr -> topic.startsWith(nvr.topicPrefix() + "/")).isPresent();
    }

    /**
     * The log entries for one of the NVR's messages (none for the topics that store nothing), or why it is refused;
     * completed at once unless the frame waits for its snapshot ({@code vertx} fetches it). Never fails.
     */
    Future<EventAdmission.Admission> admit(Device device, String topic, byte[] payload, Instant now, Vertx vertx) {
        Optional<FrigateNvr> inTown = town.nvr(device.id()).filter(n -> topic.startsWith(n.topicPrefix() + "/"));
        if (inTown.isEmpty()) { // a town version removed it (or moved its prefix) since the message was routed here
            return Future.succeededFuture(EventAdmission.Admission.refuse(Rejection.of(Rejection.Reason.FORBIDDEN,
                    device.id() + " is no Frigate NVR publishing under " + topic + " in the town version in force")));
        }
        FrigateNvr nvr = inTown.get();
        Optional<Rejection> over = guard.chargeBytes(device.id(), payload.length);
        if (over.isPresent()) {
            return Future.succeededFuture(EventAdmission.Admission.refuse(over.get()));
        }
        return switch (topic.substring(nvr.topicPrefix().length() + 1)) {
            case EVENTS -> event(nvr, payload, now, vertx);
            case AVAILABLE -> Future.succeededFuture(availability(nvr, payload));
            default -> Future.succeededFuture(taken(FrigateMetrics.IGNORED));
        };
    }

    private Future<EventAdmission.Admission> event(FrigateNvr nvr, byte[] payload, Instant now, Vertx vertx) {
        Optional<Rejection> over = guard.chargeEvents(nvr.id(), 1);
        if (over.isPresent()) {
            return Future.succeededFuture(EventAdmission.Admission.refuse(over.get()));
        }
        try {
            if (payload.length > EventAdmission.MAX_EVENT_BYTES) {
                throw new FrigateRefusal(FrigateRefusal.Reason.OVERSIZE, "a Frigate event takes " + payload.length
                        + " bytes; at most " + EventAdmission.MAX_EVENT_BYTES + " are taken");
            }
            FrigateEvent event = FrigateEventReader.read(payload);
            Optional<FrigateConverter.Sighting> sighting = FrigateConverter.convert(nvr, event, now);
            if (sighting.isEmpty()) {
                return Future.succeededFuture(taken(FrigateMetrics.NOT_WATCHED));
            }
            // The scene changes before the frame is durable: a message refused further on (log saturated) changes it the
            // same way when sent again, and its frame id makes it a duplicate if it was stored after all.
            FrigateScenes.Frame frame = scenes.apply(sighting.get());
            metrics.dropped(frame.dropped());
            metrics.message(FrigateMetrics.FRAME);
            FrigateConverter.Sighting seen = sighting.get();
            Future<String> evidence = !frame.objects().isEmpty() && snapshots.wanted(nvr, event)
                    ? snapshots.fetch(vertx, nvr, event.id()) : Future.succeededFuture(null);
            return evidence.map(ref -> EventAdmission.Admission.accept(List.of(entry(seen, frame, now, ref)), 1));
        } catch (FrigateRefusal refusal) {
            metrics.rejected(refusal.reason());
            refusals.warn("refused a Frigate event of {}: {}", nvr.id(), refusal.getMessage());
            return Future.succeededFuture(EventAdmission.Admission.refuse(refusal.rejection()));
        }
    }

    /** The frame as the log stores a camera's own {@code gw.detection}: the same record the jobs read; {@code evidence} may be null. */
    private static LogEntry entry(FrigateConverter.Sighting sighting, FrigateScenes.Frame frame, Instant now, String evidence) {
        DeviceEvent event = new DeviceEvent(sighting.eventId(), sighting.camera(), EventType.DETECTION, sighting.time(), now,
                new Detection(frame.objects(), sighting.snapshot(), evidence));
        return new LogEntry(event.source(), event.dedupKey(), EventCodec.encode(event), event.time().toEpochMilli());
    }

    /** Frigate's availability ({@code online} at each connect, {@code offline} as its will): logged and counted; device health is not judged here. */
    private EventAdmission.Admission availability(FrigateNvr nvr, byte[] payload) {
        String state = new String(payload, StandardCharsets.UTF_8).trim();
        if (!state.equals("online") && !state.equals("offline")) {
            return taken(FrigateMetrics.IGNORED);
        }
        LOG.info("Frigate NVR {} says it is {}", nvr.id(), state);
        return taken(state);
    }

    private EventAdmission.Admission taken(String outcome) {
        metrics.message(outcome);
        return EventAdmission.Admission.accept(List.of(), 0);
    }
}
