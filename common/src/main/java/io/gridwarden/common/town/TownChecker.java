package io.gridwarden.common.town;

import io.gridwarden.common.town.TownFile.Camera;
import io.gridwarden.common.town.TownFile.Category;
import io.gridwarden.common.town.TownFile.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks every cross-reference of a town file, so a mistake is reported at start with the entry to fix.
 * Every problem is collected, not just the first: an admin submitting a new town file hears of them all at once.
 */
final class TownChecker {

    private static final Set<String> ROLES = Set.of("viewer", "dispatcher", "admin", "metrics");
    /** Inline ISAPI passwords are allowed only for the demo's published credentials, which all begin so. */
    static final String DEMO_PASSWORD_PREFIX = "demo-";
    private final Town town;
    private final List<String> problems = new ArrayList<>();

    TownChecker(Town town) {
        this.town = town;
    }

    /** Throws a {@link TownFileException} listing every problem found, if any. */
    void check() {
        checkAll();
        if (!problems.isEmpty()) {
            throw new TownFileException(problems);
        }
    }

    private void checkAll() {
        TownFile f = town.file();
        require(f.name() != null, "the town file needs a name");
        require(f.limits() == null || f.limits().maxObjectsPerFrame() == null || f.limits().maxObjectsPerFrame() >= 1,
                "limits.maxObjectsPerFrame must be at least 1 (the default is " + Town.DEFAULT_MAX_OBJECTS_PER_FRAME + ")");
        town.jurisdictionIndex().values().forEach(j -> nullSafe(j.neighbours()).forEach(n ->
                require(town.jurisdictionIndex().containsKey(n), "jurisdiction " + j.id() + " names unknown neighbour " + n)));
        town.unitIndex().values().forEach(u -> require(u.jurisdiction() == null || town.jurisdictionIndex().containsKey(u.jurisdiction()),
                "unit " + u.id() + " belongs to unknown jurisdiction " + u.jurisdiction()));
        town.categoryIndex().values().forEach(this::checkCategory);
        checkHeartbeats(f);
        nullSafe(f.cameras()).forEach(this::checkCamera);
        nullSafe(f.sensors()).forEach(s -> {
            require(town.jurisdictionIndex().containsKey(s.jurisdiction()), "sensor " + s.id() + " is in unknown jurisdiction " + s.jurisdiction());
            require(town.categoryIndex().containsKey(s.category()), "sensor " + s.id() + " reports unknown category " + s.category());
            require(!Town.DEVICE_OFFLINE.equals(s.category()), "sensor " + s.id() + " cannot report " + Town.DEVICE_OFFLINE
                    + " (gridwarden raises it for silent devices); give it a metric category");
            require(s.tokenHash() != null, "sensor " + s.id() + " needs a tokenHash (sha256:…)");
            notNegative("sensor " + s.id() + "'s dwell", s.dwell(), "0s reports the first reading over the threshold");
            require(s.threshold() == null || Double.isFinite(s.threshold()), "sensor " + s.id() + "'s threshold must be a number, not " + s.threshold());
            onTheGlobe("sensor " + s.id(), s.lat(), s.lon());
        });
        positive("officerStatusFreshness", f.officerStatusFreshness(), "e.g. 5m");
        nullSafe(f.officers()).forEach(o -> {
            require(town.unitIndex().containsKey(o.unit()), "officer " + o.id() + " belongs to unknown unit " + o.unit());
            require(o.tokenHash() != null, "officer " + o.id() + " needs a tokenHash (sha256:…)");
        });
        nullSafe(f.operators()).forEach(o -> {
            require(o.role() != null && ROLES.contains(o.role()), "operator " + o.id() + " has role " + o.role() + "; use viewer, dispatcher, admin or metrics (reads /metrics only)");
            require(!"metrics".equals(o.role()) || nullSafe(o.jurisdictions()).isEmpty(),
                    "operator " + o.id() + " has role metrics, which sees no violations: leave its jurisdictions empty");
            require(o.tokenHash() != null, "operator " + o.id() + " needs a tokenHash (sha256:…)");
            nullSafe(o.jurisdictions()).forEach(j -> require("*".equals(j) || town.jurisdictionIndex().containsKey(j),
                    "operator " + o.id() + " may see unknown jurisdiction " + j));
        });
    }

    private void checkCategory(Category c) {
        if (Town.DEVICE_OFFLINE.equals(c.id())) {
            checkOfflineCategory(c);
            return;
        }
        require(c.dwell() != null, "category " + c.id() + " needs a dwell time");
        require(c.metric() != null || (c.labels() != null && !c.labels().isEmpty()),
                "category " + c.id() + " needs either labels (camera) or a metric and threshold (sensor)");
        String unit = c.responsibleUnit();
        require(unit == null || ZoneRules.LOCAL_UNIT.equals(unit) || town.unitIndex().containsKey(unit),
                "category " + c.id() + " names unknown responsible unit " + unit);
        notNegative("category " + c.id() + "'s dwell", c.dwell(), "0s reports at first sight");
        require(c.minConfidence() == null || (c.minConfidence() >= 0 && c.minConfidence() <= 1),
                "category " + c.id() + "'s minConfidence must be between 0 and 1 (a detector's confidence), not " + c.minConfidence());
        require(c.threshold() == null || Double.isFinite(c.threshold()), "category " + c.id() + "'s threshold must be a number, not " + c.threshold());
        positive("category " + c.id() + "'s acceptWithin", c.acceptWithin(), "e.g. 3m");
        if (c.warning() != null) {
            checkWarning(c.id(), c.warning());
        }
        require(!hasEmpty(c.labels()), "category " + c.id() + " has an empty label; remove it");
        require(!hasEmpty(c.activeHours()), "category " + c.id() + " has empty active hours; remove them");
    }

    private void checkWarning(String category, TownFile.Warning w) {
        require(w.grace() != null, "category " + category + "'s warning needs a grace period");
        positive("category " + category + "'s warning grace", w.grace(), "to send an officer without warning first, leave the warning out");
        require(w.repeat() == null || w.repeat() >= 1,
                "category " + category + "'s warning repeat must be at least 1 (times the clip plays), not " + w.repeat());
        require(w.onFailure() == null || TownFile.Warning.DISPATCH.equals(w.onFailure()) || TownFile.Warning.WAIT.equals(w.onFailure()),
                "category " + category + "'s warning.onFailure is " + w.onFailure()
                        + "; use dispatch (send an officer at once, the default) or wait (wait out the grace period)");
    }

    /** device_offline is raised by the jobs for a silent device: no labels, no metric, no warning; only who handles it. */
    private void checkOfflineCategory(Category c) {
        require(c.labels() == null && c.metric() == null && c.warning() == null,
                "category " + Town.DEVICE_OFFLINE + " is raised for silent devices; remove its labels, metric and warning");
        positive("category " + c.id() + "'s acceptWithin", c.acceptWithin(), "e.g. 10m");
        String unit = c.responsibleUnit();
        require(unit == null || ZoneRules.LOCAL_UNIT.equals(unit) || town.unitIndex().containsKey(unit),
                "category " + c.id() + " names unknown responsible unit " + unit);
    }

    /** Heartbeat intervals and offline thresholds: positive, a threshold longer than its interval, someone to send. */
    private void checkHeartbeats(TownFile f) {
        TownFile.Devices d = f.devices();
        checkBeat("devices", d == null ? null : d.heartbeatEvery(), d == null ? null : d.offlineAfter());
        nullSafe(f.cameras()).forEach(c -> checkBeat("camera " + c.id(), c.heartbeatEvery(), c.offlineAfter()));
        nullSafe(f.sensors()).forEach(s -> checkBeat("sensor " + s.id(), s.heartbeatEvery(), s.offlineAfter()));
        boolean judged = (d != null && (d.heartbeatEvery() != null || d.offlineAfter() != null))
                || nullSafe(f.cameras()).stream().anyMatch(c -> c.heartbeatEvery() != null || c.offlineAfter() != null)
                || nullSafe(f.sensors()).stream().anyMatch(s -> s.heartbeatEvery() != null || s.offlineAfter() != null);
        require(!judged || town.categoryIndex().containsKey(Town.DEVICE_OFFLINE),
                "heartbeat intervals are set, so the town needs a category " + Town.DEVICE_OFFLINE
                        + " with the responsibleUnit that handles silent devices");
    }

    /** A length of time that must be above zero ({@code hint}: what to write instead). */
    private void positive(String what, Duration value, String hint) {
        require(value == null || !(value.isNegative() || value.isZero()), what + " must be positive, not " + value + "; " + hint);
    }

    /** A length of time that may be zero but not below. */
    private void notNegative(String what, Duration value, String hint) {
        require(value == null || !value.isNegative(), what + " must not be negative, not " + value + "; " + hint);
    }

    private void onTheGlobe(String device, double lat, double lon) {
        require(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, device + " has coordinates out of range");
    }

    private void checkBeat(String where, Duration every, Duration offlineAfter) {
        positive(where + ": heartbeatEvery", every, "e.g. 60s");
        positive(where + ": offlineAfter", offlineAfter, "e.g. 180s");
        require(every == null || offlineAfter == null || offlineAfter.compareTo(every) > 0,
                where + ": offlineAfter (" + offlineAfter + ") must be longer than heartbeatEvery (" + every
                        + "), or a device that beats on time counts as offline");
    }

    private void checkCamera(Camera c) {
        require(town.jurisdictionIndex().containsKey(c.jurisdiction()), "camera " + c.id() + " is in unknown jurisdiction " + c.jurisdiction());
        require(c.tokenHash() != null, "camera " + c.id() + " needs a tokenHash (sha256:…)");
        onTheGlobe("camera " + c.id(), c.lat(), c.lon());
        if (c.isapi() != null) {
            checkIsapi(c);
        }
        for (Zone z : nullSafe(c.zones())) {
            if (z == null) {
                require(false, "camera " + c.id() + " has an empty zone; remove it");
                continue;
            }
            require(!hasEmpty(z.activeHours()), "camera " + c.id() + " zone " + z.id() + " has empty active hours; remove them");
            notNegative("camera " + c.id() + " zone " + z.id() + "'s dwell", z.dwell(), "0s reports at first sight");
            positive("camera " + c.id() + " zone " + z.id() + "'s grace", z.grace(), "e.g. 30s");
            require(town.categoryIndex().containsKey(z.category()), "camera " + c.id() + " zone " + z.id() + " watches unknown category " + z.category());
            require(!Town.DEVICE_OFFLINE.equals(z.category()), "camera " + c.id() + " zone " + z.id() + " cannot watch "
                    + Town.DEVICE_OFFLINE + " (gridwarden raises it for silent devices); give it a category with labels");
            try {
                Polygon.of(z.polygon());
            } catch (IllegalArgumentException e) {
                require(false, "camera " + c.id() + " zone " + z.id() + ": " + e.getMessage());
            }
        }
    }

    /** An ISAPI camera: where its speaker is, one password source, its alarm-host secret and how its alerts name it. */
    private void checkIsapi(Camera c) {
        TownFile.Isapi i = c.isapi();
        String at = "camera " + c.id() + " isapi: ";
        require(i.address() != null && i.address().matches("https?://[^/\\s]+/?"), at + "address must be the camera's base URL, e.g. http://10.0.0.11");
        require(i.user() != null && !i.user().isBlank(), at + "needs the user alerting signs in as (user: admin)");
        long sources = java.util.stream.Stream.of(i.password(), i.passwordFile(), i.passwordEnv()).filter(Objects::nonNull).count();
        require(sources == 1, at + "give exactly one of passwordFile, passwordEnv or (demo only) password");
        require(i.password() == null || i.password().startsWith(DEMO_PASSWORD_PREFIX), at + "an inline password is only for the demo's"
                + " published credentials (they begin with " + DEMO_PASSWORD_PREFIX + "); put a real one in passwordFile or passwordEnv");
        require(i.alarmSecretHash() != null && i.alarmSecretHash().startsWith("sha256:"), at + "needs alarmSecretHash (sha256:…) of its alarm-host URL secret");
        require(i.mac() != null || i.serial() != null, at + "needs mac or serial: an alert is accepted only when it names the camera");
        require(i.audioVolume() == null || (i.audioVolume() >= 1 && i.audioVolume() <= 100), at + "audioVolume is 1..100");
        (i.clips() == null ? java.util.Map.<String, Integer>of() : i.clips()).forEach((clip, id) ->
                require(id != null && id >= 1, at + "clip " + clip + " needs a positive audio id"));
    }

    /** A bare "-" or "~" in a YAML list reads as a null entry. */
    private static boolean hasEmpty(List<?> list) {
        return list != null && list.stream().anyMatch(Objects::isNull);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            problems.add("town file: " + message);
        }
    }
}
