package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.CameraFrame;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each of the demo town's eleven camera categories, through a real zone of a demo camera. */
class CategoryRulesTest {

    private static final Town DEMO = Town.demo();
    /** Wednesday noon in the town: inside every category's active hours. */
    private static final long NOON = LocalDateTime.parse("2026-11-25T12:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
    private static final long MIDNIGHT = NOON + 12 * 3_600_000L;

    static Stream<Arguments> cameraCategories() {
        return Stream.of(
                Arguments.of("illegal_parking", "car", true), Arguments.of("street_vending", "vendor_cart", true),
                Arguments.of("outside_store_business", "goods", true), Arguments.of("road_occupation", "stall", true),
                Arguments.of("non_motor_parking", "e_bike", true), Arguments.of("street_drying", "laundry", true),
                Arguments.of("illegal_advertising", "banner", false), Arguments.of("garbage_exposure", "overflowing_bin", false),
                Arguments.of("construction_waste", "spilled_soil", true), Arguments.of("open_burning", "smoke", false),
                Arguments.of("river_floating_debris", "floating_debris", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cameraCategories")
    void shouldDetectEachCategoryAfterItsDwellAndWarnOrDispatchAsItsRuleSays(String category, String label, boolean warns) {
        ZoneRule rule = ruleOf(category);
        CameraWatch watch = new CameraWatch(List.of(rule), new DwellTracker(DwellTracker.ABSENCE_TIMEOUT), DEMO.timezone(), COMMAND_IDS);
        CameraTracks tracks = new CameraTracks();
        long dwell = rule.dwell().toMillis();
        watch.onFrame(tracks, frameIn(rule, label, 0.9, NOON));
        assertThat(watch.onTime(tracks, NOON + dwell - 1).actions()).isEmpty();

        CameraWatch.Outcome due = watch.onTime(tracks, NOON + dwell);

        assertThat(due.actions().get(0).violation().status()).isEqualTo(ViolationStatus.DETECTED);
        assertThat(due.actions().get(0).violation().category()).isEqualTo(category);
        if (warns) {
            assertThat(due.actions()).filteredOn(a -> a.command() != null).singleElement()
                    .satisfies(a -> assertThat(a.command().type()).isEqualTo(Command.VOICE_WARNING));
            assertThat(due.dispatches()).isEmpty();
        } else {
            assertThat(due.actions()).noneMatch(a -> a.command() != null);
            assertThat(due.dispatches()).singleElement().satisfies(r -> {
                assertThat(r.unit()).isEqualTo(DEMO.responsibleUnit(category, rule.jurisdiction()));
                assertThat(r.urgent()).isEqualTo("open_burning".equals(category));
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cameraCategories")
    void shouldIgnoreOtherLabelsAndUnsureDetections(String category, String label, boolean warns) {
        ZoneRule rule = ruleOf(category);
        CameraWatch watch = new CameraWatch(List.of(rule), new DwellTracker(DwellTracker.ABSENCE_TIMEOUT), DEMO.timezone(), COMMAND_IDS);
        CameraTracks tracks = new CameraTracks();
        watch.onFrame(tracks, frameIn(rule, "pedestrian", 0.99, NOON));
        watch.onFrame(tracks, frameIn(rule, label, rule.minConfidence() - 0.01, NOON + 1));
        assertThat(tracks.asMap()).isEmpty();
    }

    @Test
    void shouldCountNoNewPresenceOutsideActiveHours() {
        ZoneRule vending = ruleOf("street_vending"); // 06:00-22:00
        CameraWatch watch = new CameraWatch(List.of(vending), new DwellTracker(DwellTracker.ABSENCE_TIMEOUT), DEMO.timezone(), COMMAND_IDS);
        CameraTracks tracks = new CameraTracks();
        assertThat(watch.onFrame(tracks, frameIn(vending, "vendor_cart", 0.9, MIDNIGHT))).isEmpty();
        assertThat(tracks.asMap()).isEmpty();

        ZoneRule parking = ruleOf("illegal_parking"); // no active hours: always
        CameraWatch always = new CameraWatch(List.of(parking), new DwellTracker(DwellTracker.ABSENCE_TIMEOUT), DEMO.timezone(), COMMAND_IDS);
        assertThat(always.onFrame(tracks, frameIn(parking, "car", 0.9, MIDNIGHT))).hasSize(1);
    }

    private static ZoneRule ruleOf(String category) {
        return DEMO.cameras().stream().flatMap(c -> DEMO.zoneRules(c.id()).stream())
                .filter(r -> r.category().equals(category)).findFirst()
                .orElseThrow(() -> new AssertionError("no demo camera watches " + category));
    }

    /** An object standing at the zone polygon's vertex centroid (the demo's zones are convex). */
    private static CameraFrame frameIn(ZoneRule rule, String label, double confidence, long at) {
        double x = Arrays.stream(rule.polygon().xs()).average().orElseThrow();
        double y = Arrays.stream(rule.polygon().ys()).average().orElseThrow();
        var object = new DetectedObject("t-1", label, confidence, new Box(x - 0.01, y - 0.02, 0.02, 0.02));
        return new CameraFrame(rule.camera(), at, "snap.jpg", List.of(object));
    }
}
