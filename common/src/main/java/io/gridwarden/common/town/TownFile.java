package io.gridwarden.common.town;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The town file as written (YAML): one deployment's jurisdictions, teams, rules, devices and
 * operators. {@link Town} checks it and indexes it; nothing else reads these records directly.
 *
 * @param commandGateway base URL that receives commands for devices without their own
 *     {@code commandUrl}, as {@code <base>/devices/<id>/commands} (a vendor's device platform, or the
 *     demo's simulator); may be null
 * @param limits what one device's event may carry; may be null (the defaults of {@link Town})
 * @param nvrs   network video recorders (Frigate) that publish their cameras' detections in their own dialect; may be null
 * @param map    an outline of the town for maps drawn without internet; may be null (maps are schematic)
 */
public record TownFile(
        String name,
        String timezone,
        String commandGateway,
        Duration officerStatusFreshness,
        List<Jurisdiction> jurisdictions,
        List<Unit> units,
        List<Category> categories,
        List<Camera> cameras,
        List<Sensor> sensors,
        List<Officer> officers,
        List<Operator> operators,
        Limits limits,
        List<Nvr> nvrs,
        MapSource map,
        Devices devices) {

    List<Nvr> nvrsOrEmpty() {
        return nvrs == null ? List.of() : nvrs;
    }

    /** Where the town's outline is: a GeoJSON file, relative to the town file ({@link TownMap}). */
    public record MapSource(String outline) {}

    /**
     * How often cameras and sensors say they are alive, and how long a silent one is taken for offline
     * ({@code offlineAfter}, default three intervals). Null (no {@code devices} entry): nobody is judged.
     */
    public record Devices(Duration heartbeatEvery, Duration offlineAfter) {}

    /** What one device's event may carry; a missing entry takes its default. */
    public record Limits(Integer maxObjectsPerFrame) {}

    /** A township or street office with its own team, and the neighbours that back it up ("1+X"). */
    public record Jurisdiction(String id, String name, List<String> neighbours) {}

    /** A team that handles violations: a jurisdiction's own team, or a county department. */
    public record Unit(String id, String name, String jurisdiction) {}

    /** A kind of offence and its default rule. {@code responsibleUnit} "local" means the team of the place. */
    public record Category(
            String id,
            String name,
            List<String> labels,
            Double minConfidence,
            String metric,
            Double threshold,
            Duration dwell,
            Warning warning,
            Duration acceptWithin,
            String responsibleUnit,
            List<ActiveWindow> activeHours,
            Boolean urgent) {}

    /**
     * The voice warning a camera plays, and how long the offender has to leave. {@code onFailure} is what
     * a failed warning (the camera answered {@code failed}) leads to: {@code dispatch} at once (the
     * default) or {@code wait} out the grace period.
     */
    public record Warning(String text, String clip, Integer repeat, Duration grace, String onFailure) {

        public static final String DISPATCH = "dispatch";
        public static final String WAIT = "wait";

        public Warning(String text, String clip, Integer repeat, Duration grace) {
            this(text, clip, repeat, grace, null);
        }

        /** Whether a failed warning dispatches at once rather than waiting out the grace period. */
        public boolean dispatchOnFailure() {
            return onFailure == null || DISPATCH.equals(onFailure);
        }
    }

    /** A camera; {@code isapi} is set for a Hikvision camera gridwarden talks ISAPI with (null: CloudEvents or MQTT only). */
    public record Camera(
            String id, double lat, double lon, String jurisdiction, String grid, String tokenHash, String commandUrl,
            List<Zone> zones, Isapi isapi, Duration heartbeatEvery, Duration offlineAfter) {}

    /**
     * How gridwarden talks to a Hikvision camera over ISAPI (docs/devices-hikvision.md).
     *
     * @param address         the camera's own HTTP(S) base URL, for its speaker (e.g. {@code http://10.0.0.11})
     * @param user            the ISAPI user alerting signs in as (HTTP Digest)
     * @param password        inline password: only the demo's published ones, which begin with {@code demo-}
     * @param passwordFile    a file holding the password (first line), read by alerting at start
     * @param passwordEnv     an environment variable holding the password, read by alerting at start
     * @param alarmSecretHash {@code sha256:<hex>} of the secret in the camera's alarm-host URL path
     * @param mac             the MAC address the camera's alerts carry ({@code macAddress})
     * @param serial          the serial number or device id the camera's alerts carry, when its firmware sends one
     * @param audioVolume     the volume the clip plays at (1–100 as the camera counts it); null: the camera's setting
     * @param clips           warning clip name (a category's {@code warning.clip}) → the camera's audio id
     */
    public record Isapi(String address, String user, String password, String passwordFile, String passwordEnv,
            String alarmSecretHash, String mac, String serial, Integer audioVolume, java.util.Map<String, Integer> clips) {}

    /** An area of a camera's image (polygon of normalised points) watched for one category, with optional overrides. */
    public record Zone(String id, String category, List<List<Double>> polygon, Duration dwell, Duration grace,
            List<ActiveWindow> activeHours) {}

    public record Sensor(
            String id, double lat, double lon, String jurisdiction, String grid, String tokenHash, String commandUrl,
            String category, Double threshold, Duration dwell, Duration heartbeatEvery, Duration offlineAfter) {}

    public record Officer(String id, String name, String unit, String tokenHash, String commandUrl) {}

    public record Operator(String id, String name, String role, List<String> jurisdictions, String tokenHash) {}

    /**
     * A Frigate NVR: it logs in to ingest's MQTT port as {@code id} and publishes Frigate's own topics under
     * {@code topicPrefix} (default {@code frigate}); ingest turns its events into frames of the mapped cameras.
     *
     * @param labels    Frigate label → gridwarden label, for labels that differ (others pass unchanged); may be null
     * @param snapshots where the NVR's HTTP API is, so that frames can point at Frigate's snapshot of an event; may be null
     */
    public record Nvr(String id, String tokenHash, String jurisdiction, String topicPrefix, List<NvrCamera> cameras,
            Map<String, String> labels, Snapshots snapshots) {}

    /** One camera of an NVR: Frigate's name for it, the town's camera it is ({@code camera} null: known, not watched), its detect resolution. */
    public record NvrCamera(String frigate, String camera, Resolution detect) {}

    /** An image size in pixels: Frigate's boxes are pixels of the detect stream. */
    public record Resolution(Integer width, Integer height) {}

    /** The NVR's HTTP API ({@code http(s)://host:5000}); {@code fetch}: whether gridwarden fetches the pictures itself (not yet). */
    public record Snapshots(String api, Boolean fetch) {}
}
