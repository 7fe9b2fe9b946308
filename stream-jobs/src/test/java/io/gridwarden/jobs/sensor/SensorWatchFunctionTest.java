package io.gridwarden.jobs.sensor;

import static io.gridwarden.jobs.JobFixtures.SENSOR;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.JobFixtures;
import io.gridwarden.jobs.model.SensorInput;
import io.gridwarden.jobs.model.SensorReading;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SensorWatchFunctionTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, SensorInput, TownVersion, Action> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new SensorWatchFunction(TOWN), List.of(TownTimeline.VERSIONS)),
                SensorInput::sensor, version -> "", Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldDispatchAHighLevelWhenTheSensorGoesQuietAndClearStateWhenItFalls() throws Exception {
        reading(level(T0, 3.8), T0);
        harness.processBothWatermarks(new Watermark(T0 + 120_000)); // only the log's clock moves

        assertThat(harness.extractOutputValues()).extracting(a -> a.violation().status()).containsExactly(ViolationStatus.DETECTED);
        assertThat(dispatches()).singleElement().satisfies(r -> assertThat(r.violation().sensor()).isEqualTo(SENSOR));

        reading(level(T0 + 200_000, 3.2), T0 + 200_000);
        harness.processBothWatermarks(new Watermark(T0 + 300_000));
        assertThat(dispatches()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldForgetTheRunWhenADispatcherClosesItsViolation() throws Exception {
        reading(level(T0, 3.8), T0);
        harness.processBothWatermarks(new Watermark(T0 + 120_000));
        String violation = dispatches().get(0).violation().id();

        harness.processElement1(SensorInput.of(OperatorAction.close(violation, SENSOR, T0 + 130_000, "gauge broken", "demo-admin")),
                T0 + 130_000);

        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldJudgeByTheThresholdOfTheTownVersionInForceAtEachReading() throws Exception {
        String raised = JobFixtures.testTownText().replace("    threshold: 3.5\n", "    threshold: 4.0\n");
        harness.processElement2(JobFixtures.townVersion(1, T0 - 1_000, raised), T0 - 1_000);

        reading(level(T0, 3.8), T0); // over the starting file's 3.5, under the version's 4.0
        harness.processBothWatermarks(new Watermark(T0 + 300_000));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(dispatches()).isEmpty();
    }

    private void reading(SensorReading reading, long at) throws Exception {
        harness.processElement1(SensorInput.of(reading), at);
    }

    private List<DispatchRequest> dispatches() {
        var side = harness.getSideOutput(CameraWatchFunction.DISPATCHES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }
}
