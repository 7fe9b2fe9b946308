package io.gridwarden.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void shouldLetAnAddressFailUpToTheLimitThenMakeItWaitForTheRestOfTheMinute() {
        LoginThrottle throttle = new LoginThrottle(3, MINUTE, 100);
        for (int i = 1; i <= 3; i++) {
            assertThat(throttle.wait("10.0.0.1", T0.plusSeconds(i))).isZero();
            assertThat(throttle.failed("10.0.0.1", T0.plusSeconds(i))).isEqualTo(i);
        }
        assertThat(throttle.wait("10.0.0.1", T0.plusSeconds(4))).isEqualTo(Duration.ofSeconds(57));
        assertThat(throttle.wait("10.0.0.1", T0.plusSeconds(60))).as("the minute is counted from the first failure").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldLetTheAddressTryAgainOnceItsMinuteIsOver() {
        LoginThrottle throttle = new LoginThrottle(2, MINUTE, 100);
        throttle.failed("10.0.0.1", T0);
        throttle.failed("10.0.0.1", T0);
        assertThat(throttle.wait("10.0.0.1", T0.plusSeconds(30))).isPositive();

        assertThat(throttle.wait("10.0.0.1", T0.plus(MINUTE))).isZero();
        assertThat(throttle.failed("10.0.0.1", T0.plus(MINUTE))).as("a new minute starts counting afresh").isEqualTo(1);
    }

    @Test
    void shouldCountEachAddressApart() {
        LoginThrottle throttle = new LoginThrottle(1, MINUTE, 100);
        throttle.failed("10.0.0.1", T0);
        assertThat(throttle.wait("10.0.0.1", T0)).isPositive();
        assertThat(throttle.wait("10.0.0.2", T0)).isZero();
    }

    @Test
    void shouldForgetTheLeastRecentlyFailingAddressWhenTheTableIsFull() {
        LoginThrottle throttle = new LoginThrottle(1, MINUTE, 3);
        for (int i = 0; i < 1_000; i++) {
            throttle.failed("10.0.%d.%d".formatted(i / 256, i % 256), T0);
        }
        assertThat(throttle.tracked()).isEqualTo(3);
        assertThat(throttle.wait("10.0.3.231", T0)).as("the latest address is still held to its limit").isPositive();
        assertThat(throttle.wait("10.0.0.0", T0)).as("the first was forgotten").isZero();
    }

    @Test
    void shouldForgetAddressesWhoseMinuteIsOver() {
        LoginThrottle throttle = new LoginThrottle(5, MINUTE, 100);
        throttle.failed("10.0.0.1", T0);
        throttle.failed("10.0.0.2", T0.plusSeconds(70));
        assertThat(throttle.tracked()).as("a stale entry goes when another address fails").isEqualTo(1);
    }
}
