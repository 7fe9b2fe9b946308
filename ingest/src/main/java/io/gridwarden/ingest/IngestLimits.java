package io.gridwarden.ingest;

import java.time.Duration;

/**
 * How much ingest takes before it refuses, typed; the defaults live here and nowhere else.
 *
 * <p>Each device has two token buckets, both charged for every request it makes, whatever becomes of it
 * (only a request without valid credentials has no device to charge): one in events (a request costs
 * {@link EventAdmission#tokens one per event, plus one per object beyond the first four of a frame}), one
 * in bytes (a request costs its body's size). The byte defaults are far above a camera's needs (a frame
 * is about 350 bytes: 200 frames a second is 70 KB/s) and bound what a device can make ingest parse.
 *
 * @param maxLagEvents          events appended but not yet acknowledged by the stream jobs (all partitions) beyond
 *                              which new events are refused with 503 / MQTT quota exceeded: the jobs have fallen behind
 * @param deviceEventsPerSecond each device's sustained rate in event tokens (a token bucket's refill rate)
 * @param deviceBurst           the event tokens a device may spend at once above its rate (the bucket's size); a
 *                              request costing more than this costs the whole bucket
 * @param deviceBytesPerSecond  each device's sustained rate in request bytes
 * @param deviceByteBurst       the bytes a device may send at once above its rate
 * @param maxHttpConnections    HTTP connections held at once; further ones are closed as soon as they open
 * @param httpIdleTimeout       an HTTP connection with nothing read or written for this long is closed
 * @param loginThrottle         when an address that keeps failing to log in is refused for a while
 */
public record IngestLimits(long maxLagEvents, double deviceEventsPerSecond, int deviceBurst, long deviceBytesPerSecond,
                           long deviceByteBurst, int maxHttpConnections, Duration httpIdleTimeout, LoginThrottleLimits loginThrottle) {

    public static final long DEFAULT_MAX_LAG_EVENTS = 5_000_000;
    public static final double DEFAULT_DEVICE_EVENTS_PER_SECOND = 200;
    public static final int DEFAULT_DEVICE_BURST = 2_000;
    public static final long DEFAULT_DEVICE_BYTES_PER_SECOND = 1024 * 1024;
    public static final long DEFAULT_DEVICE_BYTE_BURST = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_HTTP_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_HTTP_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public IngestLimits {
        if (maxLagEvents < 1) {
            throw new IllegalArgumentException("maxLagEvents must be positive, got " + maxLagEvents);
        }
        if (!(deviceEventsPerSecond > 0) || Double.isInfinite(deviceEventsPerSecond)) {
            throw new IllegalArgumentException("deviceEventsPerSecond must be a positive number, got " + deviceEventsPerSecond);
        }
        if (deviceBurst < 1) {
            throw new IllegalArgumentException("deviceBurst must be at least 1 event, got " + deviceBurst);
        }
        if (deviceBytesPerSecond < 1 || deviceByteBurst < 1) {
            throw new IllegalArgumentException("a device's byte rate and byte burst must be positive, got "
                    + deviceBytesPerSecond + " bytes/s and " + deviceByteBurst + " bytes");
        }
        if (maxHttpConnections < 1) {
            throw new IllegalArgumentException("maxHttpConnections must be positive, got " + maxHttpConnections);
        }
        if (httpIdleTimeout == null || httpIdleTimeout.isNegative() || httpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("httpIdleTimeout must be a positive duration, got " + httpIdleTimeout);
        }
        if (loginThrottle == null) {
            throw new IllegalArgumentException("loginThrottle must be set, e.g. LoginThrottleLimits.defaults()");
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_LAG_EVENTS, DEFAULT_DEVICE_EVENTS_PER_SECOND, DEFAULT_DEVICE_BURST,
                DEFAULT_DEVICE_BYTES_PER_SECOND, DEFAULT_DEVICE_BYTE_BURST, DEFAULT_MAX_HTTP_CONNECTIONS, DEFAULT_HTTP_IDLE_TIMEOUT,
                LoginThrottleLimits.defaults());
    }

    public IngestLimits withMaxLagEvents(long max) {
        return new IngestLimits(max, deviceEventsPerSecond, deviceBurst, deviceBytesPerSecond, deviceByteBurst, maxHttpConnections,
                httpIdleTimeout, loginThrottle);
    }

    public IngestLimits withDeviceRate(double eventsPerSecond, int burst) {
        return new IngestLimits(maxLagEvents, eventsPerSecond, burst, deviceBytesPerSecond, deviceByteBurst, maxHttpConnections,
                httpIdleTimeout, loginThrottle);
    }

    public IngestLimits withDeviceByteRate(long bytesPerSecond, long byteBurst) {
        return new IngestLimits(maxLagEvents, deviceEventsPerSecond, deviceBurst, bytesPerSecond, byteBurst, maxHttpConnections,
                httpIdleTimeout, loginThrottle);
    }

    public IngestLimits withMaxHttpConnections(int max) {
        return new IngestLimits(maxLagEvents, deviceEventsPerSecond, deviceBurst, deviceBytesPerSecond, deviceByteBurst, max,
                httpIdleTimeout, loginThrottle);
    }

    public IngestLimits withHttpIdleTimeout(Duration timeout) {
        return new IngestLimits(maxLagEvents, deviceEventsPerSecond, deviceBurst, deviceBytesPerSecond, deviceByteBurst,
                maxHttpConnections, timeout, loginThrottle);
    }

    public IngestLimits withLoginThrottle(LoginThrottleLimits throttle) {
        return new IngestLimits(maxLagEvents, deviceEventsPerSecond, deviceBurst, deviceBytesPerSecond, deviceByteBurst,
                maxHttpConnections, httpIdleTimeout, throttle);
    }
}
