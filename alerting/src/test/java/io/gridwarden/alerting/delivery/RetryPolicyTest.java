package io.gridwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, 10);

    @Test
    void shouldDoubleTheWaitAfterEachFailureWithoutJitter() {
        assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(2, 0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(4, 0)).isEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void shouldNeverWaitLongerThanTheMaximum() {
        assertThat(policy.backoff(7, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(1000, 0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldTakeAtMostTheJitterFractionOff() {
        assertThat(policy.backoff(2, 0.999)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1000));
        assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void shouldRefuseAMaximumBelowTheInitialWait() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff");
    }

    @Test
    void defaultsAreTheContractsHalfSecondToThirtySeconds() {
        assertThat(RetryPolicy.defaults().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryPolicy.defaults().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }
}
