package io.gridwarden.suite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeTimesTest {

    private static final long FIVE_MINUTES = 300_000;

    @Test
    void shouldStartOneProbeASecondOnAverage() {
        assertThat(ProbeTimes.count(FIVE_MINUTES)).isEqualTo(300);
        assertThat(ProbeTimes.count(12_400)).isEqualTo(12);
        assertThat(ProbeTimes.count(200)).isEqualTo(1);
    }

    @Test
    void shouldSpreadTheProbesInOrderOverTheRun() {
        long[] offsets = ProbeTimes.spread(300, FIVE_MINUTES, new SplittableRandom(17));

        assertThat(offsets).hasSize(300).isSorted();
        assertThat(offsets[0]).isGreaterThanOrEqualTo(0);
        assertThat(offsets[299]).isLessThan(FIVE_MINUTES);
        assertThat(offsets[299] - offsets[0]).as("from the run's first minute to its last").isGreaterThan(FIVE_MINUTES * 8 / 10);
    }

    /** No two cars arrive together (see ProbeTimes). */
    @Test
    void shouldKeepTheMinimumGapBetweenProbes() {
        for (int seed = 0; seed < 20; seed++) {
            long[] offsets = ProbeTimes.spread(300, FIVE_MINUTES, new SplittableRandom(seed));
            for (int i = 1; i < offsets.length; i++) {
                assertThat(offsets[i] - offsets[i - 1]).as("gap before probe %d, seed %d", i, seed).isGreaterThanOrEqualTo(ProbeTimes.MIN_GAP_MILLIS * 9 / 10);
            }
            assertThat(offsets[299]).isLessThan(FIVE_MINUTES);
        }
    }

    /** What a probe a second did not: meet a 5 s periodic hold (detection's checkpoints) at every phase alike. */
    @Test
    void shouldMeetEveryPhaseOfAFiveSecondCycle() {
        long[] offsets = ProbeTimes.spread(300, FIVE_MINUTES, new SplittableRandom(42));
        int[] byTenthOfTheCycle = new int[10];
        for (long offset : offsets) {
            byTenthOfTheCycle[(int) (offset % 5_000 / 500)]++;
        }

        // 30 expected in each half-second of the cycle; a fixed period puts all 300 in one
        assertThat(Arrays.stream(byTenthOfTheCycle).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(12, 50));
    }

    @Test
    void shouldRefuseAnEmptyRun() {
        assertThatThrownBy(() -> ProbeTimes.spread(0, FIVE_MINUTES, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 in 300000 ms");
    }
}
