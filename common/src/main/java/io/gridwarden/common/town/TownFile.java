package io.gridwarden.common.town;

import java.time.Duration;
import java.util.List;

/**
 * The town file as written (YAML): one deployment's jurisdictions, teams, rules, devices and
 * operators. {@link Town} checks it and indexes it; nothing else reads these records directly.
 *
 * @param commandGateway base URL that receives commands for devices without their own
 *     {@code commandUrl}, as {@code <base>/devices/<id>/commands} (a vendor's device platform, or the
 *     demo's simulator); may be null
 * @param limits what one device's event may carry; may be null (the defaults of {@link Town})
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
        Devices devices) {

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

    public record Camera(
            String id, double lat, double lon, String jurisdiction, String grid, String tokenHash, String commandUrl,
            List<Zone> zones, Duration heartbeatEvery, Duration offlineAfter) {}

    /** An area of a camera's image (polygon of normalised points) watched for one category, with optional overrides. */
    public record Zone(String id, String category, List<List<Double>> polygon, Duration dwell, Duration grace,
            List<ActiveWindow> activeHours) {}

    public record Sensor(
            String id, double lat, double lon, String jurisdiction, String grid, String tokenHash, String commandUrl,
            String category, Double threshold, Duration dwell, Duration heartbeatEvery, Duration offlineAfter) {}

    public record Officer(String id, String name, String unit, String tokenHash, String commandUrl) {}

    public record Operator(String id, String name, String role, List<String> jurisdictions, String tokenHash) {}
}
