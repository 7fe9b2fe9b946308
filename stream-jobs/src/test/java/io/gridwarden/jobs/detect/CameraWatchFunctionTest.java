package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.frame;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.JobFixtures;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import java.util.List;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.OperatorAction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The camera operator driven by watermarks, in the test town (2 s dwell, 2 s grace), with a 1 s absence timeout. */
class CameraWatchFunctionTest {

    private CameraHarness.Harness harness;

    @BeforeEach
    void open() throws Exception {
        harness = CameraHarness.open(TOWN);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldDispatchWhenVehicleStaysAfterWarning() throws Exception {
        frames(T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));

        List<Action> warned = harness.extractOutputValues();
        assertThat(warned).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.WARNED);
        assertThat(warned.get(2).command().type()).isEqualTo(Command.VOICE_WARNING);
        assertThat(dispatches()).isEmpty();

        frames(T0 + 2_500, T0 + 4_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 3_999));
        assertThat(dispatches()).isEmpty();
        harness.processBothWatermarks(new Watermark(T0 + 4_000));
        assertThat(dispatches()).singleElement().satisfies(request -> {
            assertThat(request.violation().id()).isEqualTo(warned.get(0).violation().id());
            assertThat(request.unit()).isEqualTo("hecun");
        });

        frames(T0 + 4_500, T0 + 6_000);
        harness.processBothWatermarks(new Watermark(T0 + 6_000));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldResolveByWarningWhenVehicleLeavesAndClearItsState() throws Exception {
        frames(T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));
        frames(T0 + 2_500, T0 + 4_000);
        harness.processBothWatermarks(new Watermark(T0 + 4_000));

        assertThat(harness.extractOutputValues()).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.WARNED,
                        ViolationStatus.RESOLVED_BY_WARNING);
        assertThat(dispatches()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldFireTheTimersWhenTheCameraGoesQuiet() throws Exception {
        harness.processElement1(frame(CAMERA, T0, parkedCar("t-1")), T0);
        harness.processBothWatermarks(new Watermark(T0 + 4_000)); // nothing more from the camera: only the log's clock moves

        assertThat(harness.extractOutputValues()).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.WARNED);
        assertThat(dispatches()).hasSize(1);
    }

    @Test
    void shouldCloseAWarnedViolationByHandAndForgetItsTrack() throws Exception {
        frames(T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));
        String violation = harness.extractOutputValues().get(0).violation().id();

        harness.processElement2(CameraNotice.of(OperatorAction.close(violation, CAMERA, T0 + 2_500, "false alarm", "demo-admin")), T0 + 2_500);
        harness.processBothWatermarks(new Watermark(T0 + 10_000));

        List<Action> all = harness.extractOutputValues();
        assertThat(all).last().satisfies(a -> {
            assertThat(a.violation().status()).isEqualTo(ViolationStatus.CLOSED);
            assertThat(a.violation().note()).contains("false alarm");
        });
        assertThat(dispatches()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldDispatchUrgentBurningAtOnceWithoutWarning() throws Exception {
        var fire = new io.gridwarden.common.event.DetectedObject("t-9", "fire", 0.9, new io.gridwarden.common.event.Box(0.4, 0.4, 0.2, 0.2));
        for (long t = T0; t <= T0 + 1_000; t += 500) {
            harness.processElement1(frame(JobFixtures.FIRE_CAMERA, t, fire), t);
        }
        harness.processBothWatermarks(new Watermark(T0 + 1_000));

        assertThat(harness.extractOutputValues()).extracting(a -> a.violation().status()).containsExactly(ViolationStatus.DETECTED);
        assertThat(harness.extractOutputValues()).noneMatch(a -> a.command() != null);
        assertThat(dispatches()).singleElement().satisfies(r -> {
            assertThat(r.urgent()).isTrue();
            assertThat(r.violation().note()).startsWith(EscalationPolicy.URGENT_NOTE);
        });
    }

    @Test
    void shouldJudgeByTheFramesUpToTheDecisionHoweverFarTheSourceReadAhead() throws Exception {
        // the source read 5 s of frames before the watermark moved, as a replay after a failover does
        frames(T0, T0 + 2_000, parkedCar("t-1"));
        frames(T0 + 2_500, T0 + 3_500); // gone during the grace period
        frames(T0 + 4_500, T0 + 7_000, parkedCar("t-1")); // and back after it
        harness.processBothWatermarks(new Watermark(T0 + 4_000));

        List<Action> actions = harness.extractOutputValues();
        assertThat(actions.get(0).violation().snapshot()).isEqualTo(frame(CAMERA, T0 + 2_000).snapshot());
        assertThat(actions).extracting(a -> a.violation().status()).last().isEqualTo(ViolationStatus.RESOLVED_BY_WARNING);
        assertThat(dispatches()).isEmpty();
    }

    private void frames(long from, long to, DetectedObject... objects) throws Exception {
        for (long t = from; t <= to; t += 500) {
            harness.processElement1(frame(CAMERA, t, objects), t);
        }
    }

    private List<DispatchRequest> dispatches() {
        return CameraHarness.dispatches(harness);
    }
}
