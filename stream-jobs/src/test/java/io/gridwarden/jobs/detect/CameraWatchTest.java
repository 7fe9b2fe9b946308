package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.FIRE_CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.burningRule;
import static io.gridwarden.jobs.JobFixtures.frame;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static io.gridwarden.jobs.JobFixtures.parkingRule;
import static io.gridwarden.jobs.JobFixtures.passingCar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.CameraFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection and escalation of the test town's rules: 2 s dwell, 2 s grace; 1 s absence timeout. */
class CameraWatchTest {

    private final CameraWatch watch = new CameraWatch(List.of(parkingRule()), new DwellTracker(Duration.ofSeconds(1)), COMMAND_IDS);
    private final CameraTracks tracks = new CameraTracks();

    @Test
    void shouldSetATimerAtDwellEndForANewArrival() {
        assertThat(watch.onFrame(tracks, frame(CAMERA, T0, parkedCar("t-1")))).containsExactly(T0 + 2_000);
        assertThat(watch.onFrame(tracks, frame(CAMERA, T0 + 500, parkedCar("t-1")))).isEmpty();
    }

    @Test
    void shouldWarnWhenVehicleStaysForDwell() {
        watch.onFrame(tracks, frame(CAMERA, T0, parkedCar("t-1")));
        CameraWatch.Outcome outcome = watch.onTime(tracks, T0 + 2_000);

        String violation = ActionIds.violation(CAMERA, "z-parking", "t-1", Instant.ofEpochMilli(T0));
        assertThat(statuses(outcome.actions())).containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.WARNED);
        Command voice = outcome.actions().get(2).command();
        assertThat(voice.id()).isEqualTo(COMMAND_IDS.make(violation, Command.VOICE_WARNING, CAMERA, Instant.ofEpochMilli(T0 + 2_000)));
        assertThat(voice.text()).isEqualTo("please move on");
        assertThat(voice.repeat()).isEqualTo(2);
        assertThat(voice.expires()).isEqualTo(Instant.ofEpochMilli(T0 + 4_000));
        assertThat(outcome.actions().get(2).target()).isEqualTo(CAMERA);
        assertThat(outcome.timers()).containsExactly(T0 + 4_000);
        assertThat(outcome.dispatches()).isEmpty();
    }

    @Test
    void shouldDispatchWhenVehicleStaysAfterWarning() {
        stayUntil(T0 + 4_000, parkedCar("t-1"));
        watch.onTime(tracks, T0 + 2_000);
        CameraWatch.Outcome atGraceEnd = watch.onTime(tracks, T0 + 4_000);

        assertThat(atGraceEnd.actions()).isEmpty();
        assertThat(atGraceEnd.dispatches()).singleElement().satisfies(request -> {
            assertThat(request.violation().status()).isEqualTo(ViolationStatus.DISPATCHED);
            assertThat(request.unit()).isEqualTo("hecun");
            assertThat(request.at()).isEqualTo(T0 + 4_000);
        });
    }

    @Test
    void shouldKeepThePicturesOfTheArrivalTheDetectionAndTheRecheck() {
        String arrival = "sha256:" + "a".repeat(64);
        String atDwellEnd = "sha256:" + "b".repeat(64);
        String atRecheck = "sha256:" + "c".repeat(64);
        watch.onFrame(tracks, new CameraFrame(CAMERA, T0, null, List.of(parkedCar("t-1")), arrival));
        watch.onFrame(tracks, new CameraFrame(CAMERA, T0 + 1_000, null, List.of(parkedCar("t-1")), null));
        watch.onFrame(tracks, new CameraFrame(CAMERA, T0 + 1_900, null, List.of(parkedCar("t-1")), atDwellEnd));

        CameraWatch.Outcome detected = watch.onTime(tracks, T0 + 2_000);
        watch.onFrame(tracks, new CameraFrame(CAMERA, T0 + 3_000, null, List.of(parkedCar("t-1")), atRecheck));
        watch.onFrame(tracks, new CameraFrame(CAMERA, T0 + 4_000, null, List.of(parkedCar("t-1")), null));
        CameraWatch.Outcome dispatched = watch.onTime(tracks, T0 + 4_000);

        assertThat(detected.actions()).allSatisfy(a -> assertThat(a.violation().evidence()).containsExactly(arrival, atDwellEnd));
        assertThat(dispatched.dispatches()).singleElement()
                .satisfies(r -> assertThat(r.violation().evidence()).containsExactly(arrival, atDwellEnd, atRecheck));
    }

    @Test
    void shouldDispatchToTheChosenOfficerWhenADispatcherAssignsDuringTheGracePeriod() {
        stayUntil(T0 + 4_000, parkedCar("t-1"));
        String violation = watch.onTime(tracks, T0 + 2_000).actions().get(0).violation().id();

        CameraWatch.Outcome assigned = watch.assignByHand(tracks, violation, T0 + 3_000, "off-02", "demo-dispatcher-hecun");

        assertThat(assigned.dispatches()).singleElement().satisfies(request -> {
            assertThat(request.officer()).isEqualTo("off-02");
            assertThat(request.at()).isEqualTo(T0 + 3_000);
            assertThat(request.violation().note()).contains("demo-dispatcher-hecun");
        });
        assertThat(watch.onTime(tracks, T0 + 4_000).dispatches()).as("no second dispatch at the end of the grace period").isEmpty();
        assertThat(watch.assignByHand(tracks, "vio-unknown", T0 + 3_000, "off-02", "demo-admin").dispatches()).isEmpty();
    }

    @Test
    void shouldResolveByWarningWhenVehicleLeavesWithinGrace() {
        watch.onFrame(tracks, frame(CAMERA, T0, parkedCar("t-1")));
        watch.onFrame(tracks, frame(CAMERA, T0 + 2_000, parkedCar("t-1")));
        watch.onTime(tracks, T0 + 2_000);
        watch.onFrame(tracks, frame(CAMERA, T0 + 2_500));
        watch.onFrame(tracks, frame(CAMERA, T0 + 3_500));
        CameraWatch.Outcome atGraceEnd = watch.onTime(tracks, T0 + 4_000);

        assertThat(statuses(atGraceEnd.actions())).containsExactly(ViolationStatus.RESOLVED_BY_WARNING);
        assertThat(atGraceEnd.dispatches()).isEmpty();
        assertThat(tracks.asMap()).isEmpty();
    }

    @Test
    void shouldReportAViolationOnceWhileTheVehicleStays() {
        stayUntil(T0 + 10_000, parkedCar("t-1"));
        watch.onTime(tracks, T0 + 2_000);
        watch.onTime(tracks, T0 + 4_000);
        CameraWatch.Outcome later = watch.onTime(tracks, T0 + 10_000);

        assertThat(later.actions()).isEmpty();
        assertThat(later.dispatches()).isEmpty();
        assertThat(tracks.asMap()).hasSize(1);
    }

    @Test
    void shouldForgetADispatchedVehicleOnceItHasGone() {
        stayUntil(T0 + 4_000, parkedCar("t-1"));
        watch.onTime(tracks, T0 + 2_000);
        watch.onTime(tracks, T0 + 4_000);
        watch.onFrame(tracks, frame(CAMERA, T0 + 4_500));
        watch.onFrame(tracks, frame(CAMERA, T0 + 5_500));
        assertThat(tracks.asMap()).isEmpty();
    }

    @Test
    void shouldNotReportAVehicleThatLeftBeforeTheDwellTime() {
        watch.onFrame(tracks, frame(CAMERA, T0, parkedCar("t-1")));
        watch.onFrame(tracks, frame(CAMERA, T0 + 500));
        watch.onFrame(tracks, frame(CAMERA, T0 + 1_500, passingCar("t-1")));
        assertThat(tracks.asMap()).isEmpty();
        assertThat(watch.onTime(tracks, T0 + 2_000).actions()).isEmpty();
    }

    @Test
    void shouldWarnAVehicleWhoseLeavingFramesArriveBeforeItsDwellTimer() {
        // frames run ahead of the watermark: the car is gone by the last frame, but was there at dwell end
        for (long t = T0; t <= T0 + 2_500; t += 500) {
            watch.onFrame(tracks, frame(CAMERA, t, parkedCar("t-1")));
        }
        watch.onFrame(tracks, frame(CAMERA, T0 + 3_000));
        watch.onFrame(tracks, frame(CAMERA, T0 + 3_600));

        assertThat(statuses(watch.onTime(tracks, T0 + 2_000).actions()))
                .containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.WARNED);
        assertThat(statuses(watch.onTime(tracks, T0 + 4_000).actions())).containsExactly(ViolationStatus.RESOLVED_BY_WARNING);
        assertThat(tracks.asMap()).isEmpty();
    }

    @Test
    void shouldDispatchStraightAwayWhenTheRuleHasNoWarning() {
        var fire = new CameraWatch(List.of(burningRule()), new DwellTracker(Duration.ofSeconds(1)), COMMAND_IDS);
        var smoke = new DetectedObject("s-1", "smoke", 0.8, parkedCar("s-1").box());
        fire.onFrame(tracks, frame(FIRE_CAMERA, T0, smoke));
        CameraWatch.Outcome outcome = fire.onTime(tracks, T0 + 1_000);

        assertThat(statuses(outcome.actions())).containsExactly(ViolationStatus.DETECTED);
        assertThat(outcome.dispatches()).singleElement()
                .satisfies(r -> assertThat(r.violation().category()).isEqualTo("open_burning"));
    }

    private void stayUntil(long until, DetectedObject object) {
        for (long t = T0; t <= until; t += 500) {
            watch.onFrame(tracks, frame(CAMERA, t, object));
        }
    }

    /** A dwell of nothing, which a town file may set ("0s"): the frame that first shows the object makes the violation. */
    @Test
    void shouldWarnAtFirstSightWhenTheDwellIsNothing() {
        ZoneRule p = parkingRule();
        ZoneRule atOnce = new ZoneRule(p.camera(), p.zone(), p.category(), p.labels(), p.minConfidence(), p.polygon(), Duration.ZERO,
                p.warning(), p.acceptWithin(), p.responsibleUnit(), p.activeHours(), p.urgent(), p.jurisdiction(), p.grid(), p.lat(), p.lon());
        CameraWatch noDwell = new CameraWatch(List.of(atOnce), new DwellTracker(Duration.ofSeconds(1)), COMMAND_IDS);

        assertThat(noDwell.onFrame(tracks, frame(CAMERA, T0, parkedCar("t-1")))).containsExactly(T0);
        CameraWatch.Outcome atFirstSight = noDwell.onTime(tracks, T0); // the operator's checks after that instant's frames

        assertThat(statuses(atFirstSight.actions())).containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.WARNED);
        assertThat(atFirstSight.actions().get(0).violation().detectedAt()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(atFirstSight.timers()).containsExactly(T0 + 2_000);
    }

    private static List<ViolationStatus> statuses(List<Action> actions) {
        return actions.stream().map(a -> a.violation().status()).toList();
    }
}
