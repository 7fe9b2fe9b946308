package io.gridwarden.jobs.sensor;

import static io.gridwarden.jobs.JobFixtures.SENSOR;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.level;
import static io.gridwarden.jobs.JobFixtures.town;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.SensorReading;
import org.junit.jupiter.api.Test;

/** river_water_level: above 3.5 m for 2 minutes, handled by the water bureau. */
class SensorWatchTest {

    private static final long DWELL = 120_000;
    private final SensorWatch watch = new SensorWatch(SensorRule.of(town(), town().sensors().get(0)));
    private SensorState state;

    private SensorWatch.Step read(long at, double metres) {
        SensorWatch.Step step = watch.onReading(state, level(at, metres));
        state = step.state();
        return step;
    }

    private SensorWatch.Step tick(long at) {
        SensorWatch.Step step = watch.onTime(state, at);
        state = step.state();
        return step;
    }

    @Test
    void shouldRaiseAViolationWhenTheLevelStaysAboveTheThresholdForTheDwell() {
        assertThat(read(T0, 3.6).timer()).isEqualTo(T0 + DWELL);
        read(T0 + 60_000, 3.7);
        assertThat(tick(T0 + DWELL - 1).dispatch()).isNull();

        SensorWatch.Step due = tick(T0 + DWELL); // the sensor said nothing since: the timer still decides

        assertThat(due.actions()).singleElement().satisfies(a -> {
            assertThat(a.violation().status()).isEqualTo(ViolationStatus.DETECTED);
            assertThat(a.violation().sensor()).isEqualTo(SENSOR);
            assertThat(a.violation().camera()).isNull();
            assertThat(a.violation().lat()).isEqualTo(28.74522);
        });
        assertThat(due.dispatch().unit()).isEqualTo("water-bureau");
        assertThat(due.dispatch().violation().status()).isEqualTo(ViolationStatus.DISPATCHED);
    }

    @Test
    void shouldRaiseOnlyOncePerRiseAndAgainAfterFallingAndRising() {
        read(T0, 3.6);
        tick(T0 + DWELL);
        read(T0 + DWELL + 1_000, 3.8);
        assertThat(tick(T0 + 2 * DWELL).dispatch()).isNull();

        assertThat(read(T0 + 3 * DWELL, 3.0).state()).as("back below: cleared").isNull();
        read(T0 + 4 * DWELL, 3.9);
        SensorWatch.Step again = tick(T0 + 5 * DWELL);
        assertThat(again.dispatch()).isNotNull();
    }

    @Test
    void shouldRaiseNothingWhenTheLevelFallsBackBeforeTheDwell() {
        read(T0, 3.6);
        assertThat(read(T0 + DWELL / 2, 3.4).state()).isNull();
        assertThat(tick(T0 + DWELL).dispatch()).isNull();
    }

    @Test
    void shouldRaiseARunThatLastedTheDwellEvenIfTheFallIsReadBeforeTheTimer() {
        read(T0, 3.6);
        SensorWatch.Step fall = read(T0 + DWELL + 5_000, 3.0); // readings run ahead of the watermark
        assertThat(fall.dispatch()).isNotNull();
        assertThat(fall.dispatch().at()).isEqualTo(T0 + DWELL);
        assertThat(fall.state()).isNull();
    }

    @Test
    void shouldUseTheSensorsOwnThresholdAndDwellOverTheCategorys() {
        Town t = town();
        SensorWatch own = new SensorWatch(SensorRule.of(t, t.sensors().get(1))); // wl-02: 2.0 m for 30 s
        SensorState s = own.onReading(null, new SensorReading("wl-02", T0, "water_level_m", 2.5)).state();
        assertThat(own.onTime(s, T0 + 30_000).dispatch()).isNotNull();
    }

    @Test
    void shouldForgetALatchedSensorThatWentQuiet() {
        read(T0, 3.6);
        SensorWatch.Step raised = tick(T0 + DWELL);
        assertThat(raised.timer()).isEqualTo(T0 + SensorWatch.FORGET_QUIET_AFTER.toMillis());
        assertThat(tick(raised.timer()).state()).isNull();
    }
}
