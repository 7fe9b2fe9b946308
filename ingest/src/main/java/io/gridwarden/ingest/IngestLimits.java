package io.gridwarden.ingest;

import java.time.Duration;

/**
 * How much ingest takes before it refuses, typed; the defaults live here and nowhere else.
 *
 * @param maxLagEvents          events appended but not yet acknowledged by the stream jobs (all partitions) beyond
 *                              which new events are refused with 503 / MQTT quota exceeded: the jobs have fallen behind
 * @param deviceEventsPerSecond each device's sustained event rate (a token bucket's refill rate)
 * @param deviceBurst           the events a device may send at once above its rate (the bucket's size); a request
 *                              larger than this costs the whole bucket
 * @param maxHttpConnections    HTTP connections held at once; further ones are closed as soon as they open
 * @param httpIdleTimeout       an HTTP connection with nothing read or written for this long is closed
 */
public record IngestLimits(long maxLagEvents, double deviceEventsPerSecond, int deviceBurst, int maxHttpConnections,
                           Duration httpIdleTimeout) {

    public static final long DEFAULT_MAX_LAG_EVENTS = 5_000_000;
    public static final double DEFAULT_DEVICE_EVENTS_PER_SECOND = 200;
    public static final int DEFAULT_DEVICE_BURST = 2_000;
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
        if (maxHttpConnections < 1) {
            throw new IllegalArgumentException("maxHttpConnections must be positive, got " + maxHttpConnections);
        }
        if (httpIdleTimeout == null || httpIdleTimeout.isNegative() || httpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("httpIdleTimeout must be a positive duration, got " + httpIdleTimeout);
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_LAG_EVENTS, DEFAULT_DEVICE_EVENTS_PER_SECOND, DEFAULT_DEVICE_BURST,
                DEFAULT_MAX_HTTP_CONNECTIONS, DEFAULT_HTTP_IDLE_TIMEOUT);
    }

    public IngestLimits withMaxLagEvents(long max) {
        return new IngestLimits(max, deviceEventsPerSecond, deviceBurst, maxHttpConnections, httpIdleTimeout);
    }

    public IngestLimits withDeviceRate(double eventsPerSecond, int burst) {
        return new IngestLimits(maxLagEvents, eventsPerSecond, burst, maxHttpConnections, httpIdleTimeout);
    }

    public IngestLimits withMaxHttpConnections(int max) {
        return new IngestLimits(maxLagEvents, deviceEventsPerSecond, deviceBurst, max, httpIdleTimeout);
    }

    public IngestLimits withHttpIdleTimeout(Duration timeout) {
        return new IngestLimits(maxLagEvents, deviceEventsPerSecond, deviceBurst, maxHttpConnections, timeout);
    }
}
