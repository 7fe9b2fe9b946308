package io.gridwarden.alerting.delivery;

import java.time.Duration;

/**
 * When to try a failed delivery again: exponential backoff from {@code initialBackoff}, capped at
 * {@code maxBackoff}, with up to {@code jitter} (a fraction) taken off at random so that many devices
 * coming back at once are not hit in lock-step. Commands without an expiry give up after {@code maxAttempts}.
 * A command a device took but has not acknowledged ({@code gw.command.ack}) within {@code ackTimeout}
 * is sent again, under the same id, until acknowledged or expired.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, double jitter, int maxAttempts, Duration ackTimeout) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_JITTER = 0.2;
    /** With the defaults this is about an hour of trying. */
    public static final int DEFAULT_MAX_ATTEMPTS = 130;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);

    /** A policy with the default acknowledgement timeout. */
    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, double jitter, int maxAttempts) {
        this(initialBackoff, maxBackoff, jitter, maxAttempts, DEFAULT_ACK_TIMEOUT);
    }

    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff, got " + initialBackoff + ", " + maxBackoff);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a fraction 0..1, got " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive, got " + maxAttempts);
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive, got " + ackTimeout);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}.
     *
     * @param failedAttempts attempts made so far (1 after the first failure)
     * @param random         a uniform number in [0, 1)
     */
    public Duration backoff(int failedAttempts, double random) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << doublings);
        long withJitter = Math.round(base * (1 - jitter * random));
        return Duration.ofMillis(Math.max(1, withJitter));
    }
}
