package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.QUIET_CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.frame;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.WarningFailure;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The camera operator in the offline test town: cam-0001 parks (2 s dwell, 2 s grace, failed warnings
 * dispatch at once, sightings stale after 3 s), cam-0002 vends (failed warnings wait; stale after 1.5 s).
 */
class FailedWarningsAndStaleSightingsTest {

    static final String TOWN = "classpath:towns/offline-town.yaml";

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
    void shouldDispatchAtOnceWhenTheCameraCouldNotPlayTheWarning() throws Exception {
        frames(CAMERA, T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));
        String warning = warningCommand();

        harness.processElement2(CameraNotice.of(new WarningFailure(CAMERA, T0 + 2_300, warning, "speaker broken")), T0 + 2_300);
        harness.processBothWatermarks(new Watermark(T0 + 2_300)); // acted on in event time, like frames

        assertThat(dispatches()).singleElement().satisfies(request -> {
            assertThat(request.at()).isEqualTo(T0 + 2_300);
            assertThat(request.violation().note()).startsWith("voice warning failed: speaker broken");
        });
        frames(CAMERA, T0 + 2_500, T0 + 6_000); // the car leaves during what was the grace period
        harness.processBothWatermarks(new Watermark(T0 + 6_000));
        assertThat(statuses()).doesNotContain(ViolationStatus.RESOLVED_BY_WARNING);
        assertThat(dispatches()).hasSize(1);
    }

    @Test
    void shouldCloseNotResolveByWarningAnObjectThatLeavesAfterAFailedWarningItsCategoryWaitsOut() throws Exception {
        frames(QUIET_CAMERA, T0, T0 + 2_000, parkedCar("t-2"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));
        String warning = warningCommand();

        harness.processElement2(CameraNotice.of(new WarningFailure(QUIET_CAMERA, T0 + 2_100, warning, "expired")), T0 + 2_100);
        frames(QUIET_CAMERA, T0 + 2_500, T0 + 5_000);
        harness.processBothWatermarks(new Watermark(T0 + 5_000));

        List<Action> updates = harness.extractOutputValues().stream().filter(a -> a.kind() == Action.Kind.VIOLATION_UPDATE).toList();
        assertThat(updates).extracting(a -> a.violation().note()).contains("voice warning failed: expired; waiting out the grace period");
        assertThat(updates).last().satisfies(a -> {
            assertThat(a.violation().status()).isEqualTo(ViolationStatus.CLOSED);
            assertThat(a.violation().note()).isEqualTo("left after a failed voice warning");
        });
        assertThat(dispatches()).isEmpty();
    }

    @Test
    void shouldIgnoreAFailedAckOfACommandThatIsNotThisCamerasWarning() throws Exception {
        frames(CAMERA, T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));

        harness.processElement2(CameraNotice.of(new WarningFailure(CAMERA, T0 + 2_300, "cmd-forged", "speaker broken")), T0 + 2_300);

        assertThat(dispatches()).isEmpty();
    }

    @Test
    void shouldNotDispatchAWarnedCarOnASightingOlderThanTheCamerasOfflineThreshold() throws Exception {
        frames(CAMERA, T0, T0 + 500, parkedCar("t-1")); // then the camera goes silent
        harness.processBothWatermarks(new Watermark(T0 + 10_000)); // only the log's clock moves

        assertThat(dispatches()).isEmpty();
        assertThat(statuses()).containsExactly(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.CLOSED);
        assertThat(harness.extractOutputValues()).last().satisfies(a -> assertThat(a.violation().note()).startsWith("not re-checked"));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldRaiseNothingWhenTheDwellEndsOnAStaleSightingAndStartOverWhenSeenAgain() throws Exception {
        harness.processElement1(frame(QUIET_CAMERA, T0, parkedCar("t-2")), T0);
        harness.processBothWatermarks(new Watermark(T0 + 3_000));
        assertThat(harness.extractOutputValues()).isEmpty();

        frames(QUIET_CAMERA, T0 + 10_000, T0 + 12_000, parkedCar("t-2")); // back, the car still there: a new dwell
        harness.processBothWatermarks(new Watermark(T0 + 12_000));
        assertThat(harness.extractOutputValues()).first().satisfies(a -> {
            assertThat(a.violation().status()).isEqualTo(ViolationStatus.DETECTED);
            assertThat(a.violation().detectedAt().toEpochMilli()).isEqualTo(T0 + 12_000);
        });
    }

    @Test
    void shouldGiveTheSameActionsWhenTheSameInputsAreReplayed() throws Exception {
        List<String> first = failedWarningRun();
        harness.close();
        open();
        assertThat(failedWarningRun()).isEqualTo(first).isNotEmpty();
    }

    @Test
    void shouldRouteAFailedAckWrittenOnTheCamerasBehalfToTheCameraTheCommandWasFor() throws Exception {
        String command = COMMAND_IDS.make("vio-1", Command.VOICE_WARNING, QUIET_CAMERA, java.time.Instant.ofEpochMilli(T0));
        WarningAcks acks = new WarningAcks(TOWN, COMMAND_IDS);
        acks.open(null);
        List<WarningFailure> routed = new ArrayList<>();
        Collector<WarningFailure> out = new Collector<>() {
            @Override
            public void collect(WarningFailure failure) {
                routed.add(failure);
            }

            @Override
            public void close() {}
        };

        acks.flatMap(new DeviceAck("alerting", T0 + 1, command, "failed", "expired"), out);
        acks.flatMap(new DeviceAck(CAMERA, T0 + 2, command, "played", null), out);
        acks.flatMap(new DeviceAck("off-01", T0 + 3, "cmd-unknown", "failed", null), out);

        assertThat(routed).containsExactly(new WarningFailure(QUIET_CAMERA, T0 + 1, command, "expired"));
    }

    private List<String> failedWarningRun() throws Exception {
        frames(CAMERA, T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));
        harness.processElement2(CameraNotice.of(new WarningFailure(CAMERA, T0 + 2_300, warningCommand(), "speaker broken")), T0 + 2_300);
        List<String> ids = new ArrayList<>(harness.extractOutputValues().stream().map(Action::id).toList());
        dispatches().forEach(r -> ids.add(r.violation().id() + "@" + r.at()));
        return ids;
    }

    private String warningCommand() {
        return harness.extractOutputValues().stream().filter(a -> a.command() != null).findFirst().orElseThrow().command().id();
    }

    private List<ViolationStatus> statuses() {
        return harness.extractOutputValues().stream().filter(a -> a.kind() == Action.Kind.VIOLATION_UPDATE)
                .map(a -> a.violation().status()).toList();
    }

    private void frames(String camera, long from, long to, DetectedObject... objects) throws Exception {
        for (long t = from; t <= to; t += 500) {
            harness.processElement1(frame(camera, t, objects), t);
        }
    }

    private List<DispatchRequest> dispatches() {
        return CameraHarness.dispatches(harness);
    }
}
