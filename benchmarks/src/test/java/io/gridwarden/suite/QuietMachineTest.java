package io.gridwarden.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietMachineTest {

    @Test
    @DisplayName("The idle share is idle ticks over all ticks between two readings")
    void shouldComputeTheIdleShareBetweenReadings() {
        assertThat(QuietMachine.idleShare(new long[] {100, 1_000}, new long[] {180, 1_100})).isEqualTo(0.8);
        assertThat(QuietMachine.idleShare(new long[] {100, 1_000}, new long[] {110, 1_100})).isEqualTo(0.1);
        assertThat(QuietMachine.idleShare(new long[] {100, 1_000}, new long[] {100, 1_000})).as("no time passed").isEqualTo(1.0);
    }

    @Test
    @DisplayName("Waiting never takes much longer than the limit")
    void shouldNotWaitBeyondTheLimit() throws Exception {
        assertThat(QuietMachine.await(Duration.ofMillis(600))).isLessThan(Duration.ofSeconds(5));
    }
}
