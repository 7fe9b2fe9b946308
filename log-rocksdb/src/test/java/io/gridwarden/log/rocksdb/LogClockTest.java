package io.gridwarden.log.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the log's clock")
class LogClockTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private long wall = T0;
    private long monotonic = 42;
    private final LogClock clock = new LogClock(() -> wall, () -> monotonic);

    private void pass(long millis) {
        wall += millis;
        monotonic += millis * 1_000_000;
    }

    @Test
    @DisplayName("Follows a steady wall clock exactly")
    void shouldFollowASteadyWallClock() {
        assertThat(clock.millis()).isEqualTo(T0);
        pass(1234);
        assertThat(clock.millis()).isEqualTo(T0 + 1234);
    }

    @Test
    @DisplayName("Does not jump when the wall clock is set an hour forward: it runs 1% fast until it has caught up")
    void shouldNotJumpForward() {
        clock.millis();
        wall += HOUR;
        pass(10_000);
        assertThat(clock.millis()).isEqualTo(T0 + 10_000 + 100);
    }

    @Test
    @DisplayName("Neither goes back nor stands still when the wall clock is set an hour back: it runs 1% slow")
    void shouldNotGoBackOrStop() {
        clock.millis();
        wall -= HOUR;
        pass(10_000);
        assertThat(clock.millis()).isEqualTo(T0 + 10_000 - 100);
        pass(1_000);
        assertThat(clock.millis()).isEqualTo(T0 + 11_000 - 110);
    }
}
