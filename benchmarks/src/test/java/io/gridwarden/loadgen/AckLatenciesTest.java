package io.gridwarden.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ack latencies second by second")
class AckLatenciesTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    @DisplayName("give each second of the measured window its own p99, and the window all of them")
    void shouldGiveEachSecondItsP99() {
        long start = 1_000 * SECOND;
        var latencies = new AckLatencies(start);
        latencies.record(900 * MS); // warm-up: dropped
        latencies.measureFrom(start + SECOND / 2);
        for (int i = 0; i < 100; i++) {
            latencies.record(10 * MS);
        }
        assertThat(latencies.tick(start + SECOND)).isFalse(); // the first second ends 1.5 s after the start
        assertThat(latencies.lastSecondP99Millis()).isNull();
        assertThat(latencies.tick(start + 3 * SECOND / 2)).isTrue();
        assertThat(latencies.lastSecondP99Millis()).isEqualTo(10.0, within(0.1));
        for (int i = 0; i < 100; i++) {
            latencies.record(i < 95 ? 20 * MS : 400 * MS);
        }
        latencies.tick(start + 5 * SECOND / 2);
        latencies.record(30 * MS); // the window's last answers, after its last second
        var window = latencies.finish();

        assertThat(latencies.p99BySecondMillis()).hasSize(3);
        assertThat(latencies.p99BySecondMillis().get(1)).isCloseTo(400.0, within(1.0));
        assertThat(latencies.p99BySecondMillis().get(2)).isCloseTo(30.0, within(0.1));
        assertThat(window.getTotalCount()).isEqualTo(201);
        assertThat(window.getMaxValue()).isLessThan(500 * MS);
    }

    @Test
    @DisplayName("mark a second without any answer, rather than show it as fast, and close a sender's long wait as one")
    void shouldMarkASecondWithoutAnswers() {
        var latencies = new AckLatencies(0);
        latencies.measureFrom(0);
        latencies.record(5 * MS);
        latencies.tick(SECOND);
        assertThat(latencies.tick(2 * SECOND)).isTrue();
        assertThat(latencies.lastSecondP99Millis()).isNull();
        latencies.record(3_000 * MS);
        latencies.tick(6 * SECOND + SECOND / 2); // the sender waited four seconds for a free slot
        assertThat(latencies.tick(6 * SECOND + 3 * SECOND / 4)).isFalse();
        latencies.finish();

        assertThat(Arrays.asList(latencies.p99BySecondMillis().toArray())).hasSize(3).element(1).isNull();
        assertThat(latencies.p99BySecondMillis().get(2)).isCloseTo(3_000.0, within(5.0));
    }
}
