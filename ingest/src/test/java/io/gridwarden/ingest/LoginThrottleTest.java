package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleLimits(3, Duration.ofMinutes(1), Duration.ofSeconds(30), 4), now::get);

    @Test
    void shouldBlockAnAddressAtItsThirdFailureWithinAMinute() {
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.blockedForMillis("10.0.0.1")).isZero();

        assertThat(throttle.failed("10.0.0.1")).isTrue();

        assertThat(throttle.blockedForMillis("10.0.0.1")).isEqualTo(30_000);
        assertThat(throttle.blockedForMillis("10.0.0.2")).isZero();
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        now.addAndGet(60_000);

        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.blockedForMillis("10.0.0.1")).isZero();
    }

    @Test
    void shouldLiftTheBlockAfterItsDurationAndCountAfresh() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        now.addAndGet(29_999);
        assertThat(throttle.blockedForMillis("10.0.0.1")).isEqualTo(1);
        now.addAndGet(1);

        assertThat(throttle.blockedForMillis("10.0.0.1")).isZero();
        assertThat(throttle.failed("10.0.0.1")).as("a fresh count").isFalse();
    }

    @Test
    void shouldTrackAtMostItsNumberOfAddressesForgettingTheLeastRecentlySeen() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        for (int i = 2; i <= 100; i++) {
            throttle.failed("10.0.1." + i);
        }

        assertThat(throttle.tracked()).isEqualTo(4);
    }

    @Test
    void shouldCountAnIpv6AddressByItsSlash64() {
        assertThat(LoginThrottle.key("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.key("2001:db8:1:2:bbbb::2"));
        assertThat(LoginThrottle.key("2001:db8:1:2::1")).isNotEqualTo(LoginThrottle.key("2001:db8:1:3::1"));
        assertThat(LoginThrottle.key("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(LoginThrottle.key("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(LoginThrottle.key("not:an~address")).isEqualTo("not:an~address");
    }

    @Test
    void shouldWriteOnlyPrintableShortClaimsIntoTheLog() {
        assertThat(LoginGuard.printable("cam-0001\nWARN forged line")).isEqualTo("\"cam-0001?WARN forged line\"");
        assertThat(LoginGuard.printable("x".repeat(500))).hasSize(64 + 3);
        assertThat(LoginGuard.printable(null)).isEqualTo("(none)");
    }
}
