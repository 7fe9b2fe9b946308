package io.gridwarden.alerting;

import java.time.Duration;

/**
 * How much the operations API takes before it refuses, typed; the defaults live here and nowhere else.
 *
 * @param maxConnections          HTTP connections held at once; further ones are closed as soon as they open
 * @param idleTimeout             a connection with nothing read or written for this long is closed (alert streams
 *                                stay open: their keep-alive comments are writes)
 * @param requestReadTimeout      a connection must deliver a whole request (headers and body) within this long of
 *                                opening or of its previous response ending, else it is closed (slowloris)
 * @param maxStreamsPerOperator   alert streams one operator may hold open at once; the next is refused with 429
 * @param maxStreams              alert streams open at once, all operators; the next is refused with 503
 * @param failedLoginsPerMinute   unknown operator tokens one remote address may send in a minute; after that every
 *                                request from it is refused with 429 until the minute is over
 * @param maxTrackedAddresses     remote addresses whose failed logins are remembered; the least recent is forgotten
 */
public record OpsLimits(int maxConnections, Duration idleTimeout, Duration requestReadTimeout, int maxStreamsPerOperator,
                        int maxStreams, int failedLoginsPerMinute, int maxTrackedAddresses) {

    public static final int DEFAULT_MAX_CONNECTIONS = 2_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_STREAMS_PER_OPERATOR = 8;
    public static final int DEFAULT_MAX_STREAMS = 1_000;
    public static final int DEFAULT_FAILED_LOGINS_PER_MINUTE = 20;
    public static final int DEFAULT_MAX_TRACKED_ADDRESSES = 10_000;

    public OpsLimits {
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxStreamsPerOperator", maxStreamsPerOperator);
        requirePositive("maxStreams", maxStreams);
        requirePositive("failedLoginsPerMinute", failedLoginsPerMinute);
        requirePositive("maxTrackedAddresses", maxTrackedAddresses);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("requestReadTimeout", requestReadTimeout);
    }

    public static OpsLimits defaults() {
        return new OpsLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_READ_TIMEOUT,
                DEFAULT_MAX_STREAMS_PER_OPERATOR, DEFAULT_MAX_STREAMS, DEFAULT_FAILED_LOGINS_PER_MINUTE, DEFAULT_MAX_TRACKED_ADDRESSES);
    }

    public OpsLimits withConnections(int max, Duration idle, Duration requestRead) {
        return new OpsLimits(max, idle, requestRead, maxStreamsPerOperator, maxStreams, failedLoginsPerMinute, maxTrackedAddresses);
    }

    public OpsLimits withStreams(int perOperator, int total) {
        return new OpsLimits(maxConnections, idleTimeout, requestReadTimeout, perOperator, total, failedLoginsPerMinute,
                maxTrackedAddresses);
    }

    public OpsLimits withFailedLogins(int perMinute, int trackedAddresses) {
        return new OpsLimits(maxConnections, idleTimeout, requestReadTimeout, maxStreamsPerOperator, maxStreams, perMinute,
                trackedAddresses);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be a positive duration (at least 1 ms), got " + value);
        }
    }
}
