package io.gridwarden.jobs;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OfficerState;
import io.gridwarden.jobs.model.SensorReading;
import java.time.Instant;
import java.util.List;

/** Shared test data: the test town (seconds instead of minutes), frames, officers. */
public final class JobFixtures {

    public static final String TOWN = "classpath:towns/test-town.yaml";
    public static final String CAMERA = "cam-0001";
    public static final String QUIET_CAMERA = "cam-0002";
    public static final String FIRE_CAMERA = "cam-0003";
    /** A water-level sensor of hecun (threshold 3.5 m for 2 min), handled by the water bureau (off-47). */
    public static final String SENSOR = "wl-01";
    public static final double CAMERA_LAT = 28.7405;
    public static final double CAMERA_LON = 118.586;
    /** The tests' command secret: the ids the jobs make under it are the ones the tests expect. */
    public static final CommandIds COMMAND_IDS = CommandIds.of("gridwarden-test-command-secret-32".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    /** Any instant will do; a round one makes failures easy to read. */
    public static final long T0 = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();

    private static final Town TEST_TOWN = Town.load(TOWN);

    private JobFixtures() {}

    public static Town town() {
        return TEST_TOWN;
    }

    public static ZoneRule parkingRule() {
        return TEST_TOWN.zoneRules(CAMERA).get(0);
    }

    public static ZoneRule burningRule() {
        return TEST_TOWN.zoneRules(FIRE_CAMERA).get(0);
    }

    /** A car standing in the lower half of the image: inside z-parking. */
    public static DetectedObject parkedCar(String track) {
        return new DetectedObject(track, "car", 0.9, new Box(0.4, 0.6, 0.2, 0.2));
    }

    /** A car in the upper half: outside z-parking. */
    public static DetectedObject passingCar(String track) {
        return new DetectedObject(track, "car", 0.9, new Box(0.4, 0.1, 0.2, 0.2));
    }

    public static CameraFrame frame(String camera, long time, DetectedObject... objects) {
        return new CameraFrame(camera, time, "http://" + camera + ".local/snap/" + time + ".jpg", List.of(objects));
    }

    public static OfficerState officer(String id, String unit, double lat, double lon, long at) {
        return new OfficerState(id, unit, lat, lon, Availability.AVAILABLE, at, null);
    }

    public static SensorReading level(long time, double metres) {
        return new SensorReading(SENSOR, time, "water_level_m", metres);
    }

    public static DispatchRequest dispatchRequest(String violationId, long at) {
        Violation v = new Violation(violationId, "illegal_parking", ViolationStatus.DISPATCHED, CAMERA, null, "z-parking", "hecun",
                "hecun-g02", "t-1", "car", CAMERA_LAT, CAMERA_LON, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at),
                Instant.ofEpochMilli(at), null, "snap.jpg", Instant.ofEpochMilli(at), "still there");
        return new DispatchRequest(v, "hecun", 180_000, at);
    }

    /** The test town file's text, to derive town versions from. */
    public static String testTownText() {
        return io.gridwarden.common.town.Town.text(TOWN);
    }

    /** Version {@code n} of the town, in force from {@code at}, with the whole file {@code text}. */
    public static io.gridwarden.jobs.model.TownVersion townVersion(long n, long at, String text) {
        return new io.gridwarden.jobs.model.TownVersion(n, at, "sha256:test", text, "demo-admin");
    }
}
