package io.gridwarden.common.town;

import io.gridwarden.common.town.TownFile.Camera;
import io.gridwarden.common.town.TownFile.Category;
import io.gridwarden.common.town.TownFile.Jurisdiction;
import io.gridwarden.common.town.TownFile.Officer;
import io.gridwarden.common.town.TownFile.Operator;
import io.gridwarden.common.town.TownFile.Sensor;
import io.gridwarden.common.town.TownFile.Unit;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A checked, indexed town file: every reference resolved, every zone's effective rule computed.
 * Services look things up here; a town that does not check out fails at start with the entry to fix.
 */
public final class Town {

    /** Where the demo town of CONTRACT.md §6 lives. */
    public static final String DEMO = "classpath:towns/demo-town.yaml";
    /** The contract's default: an officer's position older than this is not used for dispatch. */
    public static final Duration DEFAULT_STATUS_FRESHNESS = Duration.ofMinutes(5);
    /**
     * The most objects one camera frame may report: each can become a violation and a voice warning, so a
     * frame of a thousand is an attack or a broken detector, not a street. Town file: {@code limits.maxObjectsPerFrame}.
     */
    public static final int DEFAULT_MAX_OBJECTS_PER_FRAME = 64;
    /**
     * The category of a camera or sensor that has gone silent: raised by the jobs, handled by its
     * {@code responsibleUnit} (maintenance). Needs neither labels nor a metric.
     */
    public static final String DEVICE_OFFLINE = "device_offline";
    /** A device silent for this many heartbeat intervals is offline, unless the town file says {@code offlineAfter}. */
    public static final int DEFAULT_OFFLINE_BEATS = 3;

    private static final TownCache CACHE = new TownCache();

    private final TownFile file;
    private final TownMap map;
    private final ZoneId timezone;
    private final Map<String, Jurisdiction> jurisdictions;
    private final Map<String, Unit> units;
    private final Map<String, Category> categories;
    private final Map<String, Camera> cameras;
    private final Map<String, Sensor> sensors;
    private final Map<String, Officer> officers;
    private final Map<String, Operator> operators;
    private final Map<String, FrigateNvr> nvrs;
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, List<ZoneRule>> zoneRules = new LinkedHashMap<>();

    private Town(TownFile file, String location) {
        this.file = file;
        this.timezone = zone(file.timezone());
        this.jurisdictions = index(file.jurisdictions(), Jurisdiction::id, "jurisdiction");
        this.units = index(file.units(), Unit::id, "unit");
        this.categories = index(file.categories(), Category::id, "category");
        this.cameras = index(file.cameras(), Camera::id, "camera");
        this.sensors = index(file.sensors(), Sensor::id, "sensor");
        this.officers = index(file.officers(), Officer::id, "officer");
        this.operators = index(file.operators(), Operator::id, "operator");
        new TownChecker(this).check();
        this.nvrs = new NvrChecker(this).check(file.nvrs());
        cameras.values().forEach(c -> addDevice(new Device(c.id(), Device.Kind.CAMERA, c.tokenHash(), c.commandUrl(), c.jurisdiction())));
        sensors.values().forEach(s -> addDevice(new Device(s.id(), Device.Kind.SENSOR, s.tokenHash(), s.commandUrl(), s.jurisdiction())));
        officers.values().forEach(o -> addDevice(new Device(o.id(), Device.Kind.OFFICER, o.tokenHash(), o.commandUrl(),
                units.get(o.unit()).jurisdiction())));
        file.nvrsOrEmpty().forEach(n -> addDevice(new Device(n.id(), Device.Kind.NVR, n.tokenHash(), null, n.jurisdiction())));
        cameras.values().forEach(c -> zoneRules.put(c.id(), (c.zones() == null ? List.<TownFile.Zone>of() : c.zones()).stream()
                .map(z -> ZoneRules.effective(c, z, categories.get(z.category()), responsibleUnit(z.category(), c.jurisdiction())))
                .toList()));
        sensors.values().forEach(s -> responsibleUnit(s.category(), s.jurisdiction())); // a sensor's rule resolves it at start
        this.map = file.map() == null ? null : TownMapReader.read(file.map().outline(), location, jurisdictions.keySet());
    }

    /** Loads and checks a town file from a path or {@code classpath:} location. */
    public static Town load(String location) {
        return new Town(TownLoader.parse(TownLoader.text(location), location), location);
    }

    /**
     * Parses and checks a town file's text (a new version submitted while running); a relative
     * {@code map.outline} is read relative to {@code relativeTo}, the location of the town it replaces.
     */
    public static Town parse(String text, String relativeTo) {
        return new Town(TownLoader.parse(text, "(submitted)"), relativeTo);
    }

    /**
     * {@link #load}, but the same text at the same location is parsed once per JVM and the one {@code Town} shared
     * ({@link TownCache}). For the stream jobs' operators, a dozen of which load the town in one JVM. The files a
     * town refers to (secrets, the map outline) are read with the first parse only: a reader that needs a changed
     * secret file without a changed town text must use {@link #load}.
     */
    public static Town loadShared(String location) {
        String text = TownLoader.text(location);
        return CACHE.get(location, text, () -> new Town(TownLoader.parse(text, location), location));
    }

    /** {@link #parse}, shared as {@link #loadShared} shares. */
    public static Town parseShared(String text, String relativeTo) {
        return CACHE.get(relativeTo, text, () -> parse(text, relativeTo));
    }

    /** The text of the town file at {@code location}, as {@link #load} reads it (the version a service started with). */
    public static String text(String location) {
        return TownLoader.text(location);
    }

    public static Town demo() {
        return load(DEMO);
    }

    public String name() {
        return file.name();
    }

    public ZoneId timezone() {
        return timezone;
    }

    public Optional<String> commandGateway() {
        return Optional.ofNullable(file.commandGateway());
    }

    public Duration officerStatusFreshness() {
        return file.officerStatusFreshness() == null ? DEFAULT_STATUS_FRESHNESS : file.officerStatusFreshness();
    }

    /** The most objects a {@code gw.detection} event may carry; ingest refuses a frame with more. */
    public int maxObjectsPerFrame() {
        return file.limits() == null || file.limits().maxObjectsPerFrame() == null ? DEFAULT_MAX_OBJECTS_PER_FRAME
                : file.limits().maxObjectsPerFrame();
    }

    /** The town's outline for drawing maps, when the town file gives one ({@code map: {outline: …}}). */
    public Optional<TownMap> map() {
        return Optional.ofNullable(map);
    }

    /**
     * How long camera or sensor {@code device} may stay silent (no event of any kind) before it counts
     * as offline: its own {@code offlineAfter} or {@code heartbeatEvery} × {@value #DEFAULT_OFFLINE_BEATS},
     * else the town's {@code devices} entry's. Empty when neither says (the device is never judged), for
     * officers, and for ids that are not devices of the town.
     */
    public Optional<Duration> offlineAfter(String device) {
        Camera camera = cameras.get(device);
        Sensor sensor = camera == null ? sensors.get(device) : null;
        if (camera == null && sensor == null) {
            return Optional.empty();
        }
        Duration own = camera != null ? threshold(camera.offlineAfter(), camera.heartbeatEvery())
                : threshold(sensor.offlineAfter(), sensor.heartbeatEvery());
        if (own != null) {
            return Optional.of(own);
        }
        TownFile.Devices devices = file.devices();
        return Optional.ofNullable(devices == null ? null : threshold(devices.offlineAfter(), devices.heartbeatEvery()));
    }

    /**
     * How often camera or sensor {@code device} should send {@code gw.heartbeat}: its own or the town's
     * {@code heartbeatEvery}, else a third of its offline threshold; empty when it is never judged.
     */
    public Optional<Duration> heartbeatEvery(String device) {
        Camera camera = cameras.get(device);
        Sensor sensor = camera == null ? sensors.get(device) : null;
        Duration own = camera != null ? camera.heartbeatEvery() : sensor != null ? sensor.heartbeatEvery() : null;
        Duration town = file.devices() == null ? null : file.devices().heartbeatEvery();
        return own != null ? Optional.of(own) : offlineAfter(device).map(after -> town != null ? town : after.dividedBy(DEFAULT_OFFLINE_BEATS));
    }

    private static Duration threshold(Duration offlineAfter, Duration heartbeatEvery) {
        if (offlineAfter != null) {
            return offlineAfter;
        }
        return heartbeatEvery == null ? null : heartbeatEvery.multipliedBy(DEFAULT_OFFLINE_BEATS);
    }

    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** Every device that may log in: cameras, sensors, officers' handsets and NVRs. */
    public List<Device> devices() {
        return List.copyOf(devices.values());
    }

    /** The Frigate NVR of this id (a device of kind {@link Device.Kind#NVR}). */
    public Optional<FrigateNvr> nvr(String id) {
        return Optional.ofNullable(nvrs.get(id));
    }

    public List<FrigateNvr> nvrs() {
        return List.copyOf(nvrs.values());
    }

    public List<ZoneRule> zoneRules(String camera) {
        return zoneRules.getOrDefault(camera, List.of());
    }

    public Optional<Camera> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    public Optional<Officer> officer(String id) {
        return Optional.ofNullable(officers.get(id));
    }

    public Optional<Operator> operator(String id) {
        return Optional.ofNullable(operators.get(id));
    }

    public Optional<Category> category(String id) {
        return Optional.ofNullable(categories.get(id));
    }

    public Optional<Jurisdiction> jurisdiction(String id) {
        return Optional.ofNullable(jurisdictions.get(id));
    }

    public Optional<Unit> unit(String id) {
        return Optional.ofNullable(units.get(id));
    }

    /** The unit of a jurisdiction's own team. */
    public Optional<Unit> teamOf(String jurisdiction) {
        return units.values().stream().filter(u -> jurisdiction.equals(u.jurisdiction())).findFirst();
    }

    /** The unit that must handle a category in a jurisdiction: the category's department, or the place's own team. */
    public String responsibleUnit(String category, String jurisdiction) {
        String unit = categories.get(category).responsibleUnit();
        if (unit == null || ZoneRules.LOCAL_UNIT.equals(unit)) {
            return teamOf(jurisdiction).map(Unit::id)
                    .orElseThrow(() -> new TownFileException("jurisdiction " + jurisdiction + " has no team (a unit with jurisdiction: " + jurisdiction + ")"));
        }
        return unit;
    }

    /** Units to ask when the responsible unit has nobody: the teams of its jurisdiction's neighbours ("1+X"). */
    public List<String> fallbackUnits(String unit) {
        Unit u = units.get(unit);
        if (u == null || u.jurisdiction() == null) {
            return List.of();
        }
        List<String> fallback = new ArrayList<>();
        List<String> neighbours = jurisdictions.get(u.jurisdiction()).neighbours();
        for (String neighbour : neighbours == null ? List.<String>of() : neighbours) { // a jurisdiction may name none
            teamOf(neighbour).ifPresent(t -> fallback.add(t.id()));
        }
        return fallback;
    }

    public List<Camera> cameras() {
        return List.copyOf(cameras.values());
    }

    public List<Sensor> sensors() {
        return List.copyOf(sensors.values());
    }

    public List<Officer> officers() {
        return List.copyOf(officers.values());
    }

    public List<Operator> operators() {
        return List.copyOf(operators.values());
    }

    public List<Unit> units() {
        return List.copyOf(units.values());
    }

    public List<Jurisdiction> jurisdictions() {
        return List.copyOf(jurisdictions.values());
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    TownFile file() {
        return file;
    }

    Map<String, Jurisdiction> jurisdictionIndex() {
        return jurisdictions;
    }

    Map<String, Unit> unitIndex() {
        return units;
    }

    Map<String, Category> categoryIndex() {
        return categories;
    }

    private void addDevice(Device device) {
        if (devices.putIfAbsent(device.id(), device) != null) {
            throw new TownFileException("device id " + device.id() + " is used twice; device ids must be unique across cameras, sensors and officers");
        }
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone == null ? "UTC" : timezone);
        } catch (DateTimeException e) {
            throw new TownFileException("town file: timezone " + timezone + " is not a time-zone ID; write e.g. Asia/Shanghai or UTC");
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id, String what) {
        Map<String, T> map = new LinkedHashMap<>(); // not Map.of(): the checks look up ids that may be null
        if (items == null) {
            return map;
        }
        for (T item : items) {
            if (item == null) {
                throw new TownFileException("town file: an entry of the " + what + " list is empty (~ or null); remove it");
            }
            if (id.apply(item) == null || map.put(id.apply(item), item) != null) {
                throw new TownFileException(what + " id " + id.apply(item) + " is missing or used twice");
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "Town[" + name() + ": " + cameras.size() + " cameras, " + sensors.size() + " sensors, "
                + officers.size() + " officers, " + jurisdictions.keySet().stream().collect(Collectors.joining(", ")) + "]";
    }
}
