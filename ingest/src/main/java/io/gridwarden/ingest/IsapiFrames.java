package io.gridwarden.ingest;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventData;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.Heartbeat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Hikvision alert becomes: the same events a camera sending CloudEvents would produce, so the
 * jobs need no change (docs/devices-hikvision.md has the table).
 *
 * <ul>
 *   <li>a smart event ({@link #SMART_EVENTS}) that is {@code active}: a camera frame with one object per
 *       detection region, labelled from its target ({@code vehicle} → {@code car}, {@code human} →
 *       {@code person}), placed by its {@code TargetRect} or else by the region's outline;
 *   <li>a smart event that turns {@code inactive}: an empty frame (the target is gone);
 *   <li>{@code videoloss} with {@code inactive}, ISAPI's keep-alive, or {@code heartBeat}: a heartbeat;
 *   <li>anything else: nothing (acknowledged, not stored).
 * </ul>
 *
 * <p>The event id is a digest of what identifies the alert (type, state, channel, time, post count, uuid,
 * regions), so a camera re-sending an alert it thinks was lost sends a duplicate. Pure.
 */
final class IsapiFrames {

    static final Set<String> SMART_EVENTS = Set.of("regionentrance", "fielddetection", "loitering", "parking");
    /** The camera's own rule fired; ISAPI gives no score, so the object is as certain as a frame can say. */
    static final double CONFIDENCE = 1.0;
    private static final int MAX_TRACK = 64;
    private static final double SCREEN = 1000.0;

    private IsapiFrames() {}

    /**
     * The event this alert becomes for {@code camera}; empty for an alert gridwarden does not act on.
     *
     * @param zone the town's time zone, for a {@code dateTime} without an offset
     * @param now  ingest's clock, for an alert without a {@code dateTime}
     */
    static Optional<DeviceEvent> toEvent(String camera, IsapiAlert alert, ZoneId zone, Instant now) throws IsapiAlertReader.UnreadableAlert {
        String type = alert.eventType().toLowerCase(Locale.ROOT);
        EventData data;
        if (isKeepAlive(alert, type)) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("via", "isapi");
            fields.put("eventType", alert.eventType());
            data = new Heartbeat(fields);
        } else if (SMART_EVENTS.contains(type)) {
            data = new Detection(alert.active() ? objects(alert) : List.of(), null);
        } else {
            return Optional.empty();
        }
        EventType eventType = data instanceof Heartbeat ? EventType.HEARTBEAT : EventType.DETECTION;
        return Optional.of(new DeviceEvent(id(alert), camera, eventType, time(alert.dateTime(), zone, now), null, data));
    }

    private static boolean isKeepAlive(IsapiAlert alert, String type) {
        return type.equals("heartbeat") || (type.equals("videoloss") && !alert.active());
    }

    private static List<DetectedObject> objects(IsapiAlert alert) throws IsapiAlertReader.UnreadableAlert {
        List<DetectedObject> objects = new ArrayList<>();
        for (IsapiAlert.Region region : alert.regions()) {
            String label = label(region.target() != null ? region.target() : alert.targetType(), alert.eventType());
            objects.add(new DetectedObject(track(alert.channel(), region.id(), label), label, CONFIDENCE, box(region)));
        }
        if (objects.isEmpty()) {
            throw new IsapiAlertReader.UnreadableAlert(alert.eventType() + " alert has no DetectionRegionList: nothing to place in the image");
        }
        return objects;
    }

    /** gridwarden's label for an ISAPI target; a parking alert without a target is about a vehicle. */
    static String label(String target, String eventType) {
        String t = target == null ? "" : target.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "vehicle", "car", "motorvehicle" -> "car";
            case "human", "person", "pedestrian" -> "person";
            case "" -> "parking".equalsIgnoreCase(eventType) ? "car" : "object";
            default -> "object";
        };
    }

    /** One track per channel, region and label: a regionEntrance and the parking alerts after it follow one vehicle. */
    private static String track(String channel, String region, String label) {
        String track = "isapi-c" + channel + "-r" + (region == null ? "0" : region) + "-" + label;
        return track.length() <= MAX_TRACK ? track : "isapi-" + digest(track).substring(0, 32);
    }

    /** The target's box when the camera sent one, else the region's outline (flipped: ISAPI's origin is bottom-left). */
    static Box box(IsapiAlert.Region region) throws IsapiAlertReader.UnreadableAlert {
        double[] r = region.targetRect();
        if (r != null) {
            return new Box(r[0], r[1], Math.min(r[2], 1 - r[0]), Math.min(r[3], 1 - r[1]));
        }
        if (region.polygon().isEmpty()) {
            throw new IsapiAlertReader.UnreadableAlert("detection region " + region.id() + " has neither TargetRect nor RegionCoordinatesList");
        }
        double minX = SCREEN, maxX = 0, minY = SCREEN, maxY = 0;
        for (double[] p : region.polygon()) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        return new Box(minX / SCREEN, 1 - maxY / SCREEN, (maxX - minX) / SCREEN, (maxY - minY) / SCREEN);
    }

    static Instant time(String dateTime, ZoneId zone, Instant now) throws IsapiAlertReader.UnreadableAlert {
        if (dateTime == null) {
            return now;
        }
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IsapiAlertReader.UnreadableAlert("dateTime is not ISO 8601 (e.g. 2026-12-04T15:20:01+08:00)");
            }
        }
    }

    /** The same alert posted again gets the same id; the next post of an alarm ({@code activePostCount}) a new one. */
    static String id(IsapiAlert a) {
        StringBuilder key = new StringBuilder().append(a.eventType()).append('|').append(a.eventState()).append('|').append(a.channel())
                .append('|').append(a.dateTime()).append('|').append(a.activePostCount()).append('|').append(a.uuid());
        a.regions().forEach(r -> key.append('|').append(r.id()).append(':').append(r.target()));
        return "isapi-" + digest(key.toString()).substring(0, 40);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
