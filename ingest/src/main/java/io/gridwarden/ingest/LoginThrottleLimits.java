package io.gridwarden.ingest;

import java.time.Duration;

/**
 * When an address that keeps failing to log in is refused for a while, typed; the defaults live here and
 * nowhere else. A failed login is an HTTP request with a missing or unknown bearer token, or an MQTT
 * CONNECT with a bad username or password; HTTP and MQTT count together.
 *
 * @param maxFailures  failed logins from one address within {@code window} that block it
 * @param window       how long failures are counted together, from the first
 * @param block        how long a blocked address is refused everything (HTTP 429 with Retry-After, MQTT CONNACK
 *                     0x9F connection rate exceeded, 3.1.1 server unavailable), valid credentials included
 * @param maxAddresses addresses tracked at once; beyond, the one least recently seen is forgotten
 */
public record LoginThrottleLimits(int maxFailures, Duration window, Duration block, int maxAddresses) {

    public static final int DEFAULT_MAX_FAILURES = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_BLOCK = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_ADDRESSES = 10_000;

    public LoginThrottleLimits {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        if (window == null || window.toMillis() < 1 || block == null || block.toSeconds() < 1) {
            throw new IllegalArgumentException("the failure window must be positive and the block at least a second, got "
                    + window + " and " + block);
        }
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("maxAddresses must be at least 1, got " + maxAddresses);
        }
    }

    public static LoginThrottleLimits defaults() {
        return new LoginThrottleLimits(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, DEFAULT_BLOCK, DEFAULT_MAX_ADDRESSES);
    }
}
