package io.gridwarden.jobs.health;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.SENSOR;
import static io.gridwarden.jobs.JobFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.JobFixtures;
import io.gridwarden.jobs.model.DeviceHeard;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device liveness in the offline test town: cameras and sensors offline after 3 s of silence, maintenance is off-51's unit. */
class DeviceHealthFunctionTest {

    private static final String TOWN = "classpath:towns/offline-town.yaml";

    private KeyedTwoInputStreamOperatorTestHarness<String, DeviceHeard, TownVersion, Action> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new DeviceHealthFunction(TOWN), List.of(TownTimeline.VERSIONS)),
                DeviceHeard::device, version -> "", Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldRaiseADeviceOfflineCaseForMaintenanceWhenACameraIsSilentPastItsThreshold() throws Exception {
        heard(CAMERA, T0);
        heard(CAMERA, T0 + 1_000);
        advance(T0 + 3_999);
        assertThat(harness.extractOutputValues()).isEmpty();

        advance(T0 + 4_500);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.violation().category()).isEqualTo("device_offline");
            assertThat(a.violation().status()).isEqualTo(ViolationStatus.DETECTED);
            assertThat(a.violation().camera()).isEqualTo(CAMERA);
            assertThat(a.violation().detectedAt().toEpochMilli()).isEqualTo(T0 + 4_000);
        });
        assertThat(side(CameraWatchFunction.DISPATCHES)).singleElement().satisfies(r -> {
            assertThat(r.unit()).isEqualTo("maintenance");
            assertThat(r.violation().status()).isEqualTo(ViolationStatus.DISPATCHED);
        });
    }

    @Test
    void shouldCloseTheCaseWhenTheDeviceIsHeardFromAgain() throws Exception {
        heard(SENSOR, T0);
        advance(T0 + 5_000);
        String violation = side(CameraWatchFunction.DISPATCHES).get(0).violation().id();
        assertThat(side(CameraWatchFunction.DISPATCHES).get(0).violation().sensor()).isEqualTo(SENSOR);

        heard(SENSOR, T0 + 6_000);
        advance(T0 + 7_000);

        assertThat(side(DeviceHealthFunction.CLOSES)).singleElement().satisfies(close -> {
            assertThat(close.violation()).isEqualTo(violation);
            assertThat(close.close()).isTrue();
            assertThat(close.reason()).isEqualTo(DeviceHealth.BACK_ONLINE);
            assertThat(close.time()).isEqualTo(T0 + 6_000);
        });
        assertThat(side(CameraWatchFunction.DISPATCHES)).hasSize(1);
    }

    @Test
    void shouldJudgeNoDeviceNeverHeardFromNorOneThatKeepsBeating() throws Exception {
        for (long t = T0; t <= T0 + 20_000; t += 1_000) {
            heard(CAMERA, t);
            advance(t);
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(side(CameraWatchFunction.DISPATCHES)).isEmpty();
    }

    @Test
    void shouldNotTakeALeapOfTheLogsClockForSilence() throws Exception {
        heard(CAMERA, T0);
        advance(T0 + 3_600_000); // gridwarden was down for an hour: the log had nothing at all
        assertThat(harness.extractOutputValues()).isEmpty();

        heard(CAMERA, T0 + 3_601_000);
        advance(T0 + 3_700_000);
        assertThat(harness.extractOutputValues()).isEmpty(); // the leap again: the camera was heard meanwhile
    }

    @Test
    void shouldJudgeSilenceByTheOfflineThresholdOfTheTownVersionInForce() throws Exception {
        String text = io.gridwarden.common.town.Town.text(TOWN);
        String longer = text.replace("devices: {heartbeatEvery: 1s}", "devices: {heartbeatEvery: 1s, offlineAfter: 10s}");
        assertThat(longer).isNotEqualTo(text);
        harness.processElement2(JobFixtures.townVersion(1, T0 - 1_000, longer), T0 - 1_000);

        heard(CAMERA, T0);
        advance(T0 + 5_000); // past the starting file's 3 s, within the version's 10 s
        assertThat(harness.extractOutputValues()).isEmpty();

        advance(T0 + 10_500);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(a.violation().detectedAt().toEpochMilli()).isEqualTo(T0 + 10_000));
    }

    private void heard(String device, long at) throws Exception {
        harness.processElement1(new DeviceHeard(device, at), at);
    }

    private void advance(long to) throws Exception {
        harness.processBothWatermarks(new Watermark(to));
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var out = harness.getSideOutput(tag);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }
}
