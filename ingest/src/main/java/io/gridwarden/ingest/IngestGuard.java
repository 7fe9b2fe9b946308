package io.gridwarden.ingest;

import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Town;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Refuses work ingest should not take on, whatever the transport: everything while the stream jobs
 * lag too far behind the event log, and a device's requests beyond its rate, in events and in bytes
 * ({@link IngestLimits}). Overload is refused at the edge rather than buffered. Share one guard between
 * the HTTP and MQTT endpoints of a process.
 */
public final class IngestGuard {

    private final RecordLog eventLog;
    private final long maxLagEvents;
    private final IngestLimits limits;
    private final DeviceRateLimits events;
    private final DeviceRateLimits bytes;

    IngestGuard(RecordLog eventLog, IngestLimits limits, Collection<String> deviceIds, LongSupplier nanoClock) {
        this.eventLog = eventLog;
        this.maxLagEvents = limits.maxLagEvents();
        this.limits = limits;
        this.events = new DeviceRateLimits(deviceIds, limits.deviceEventsPerSecond(), limits.deviceBurst(), nanoClock);
        this.bytes = new DeviceRateLimits(deviceIds, limits.deviceBytesPerSecond(), limits.deviceByteBurst(), nanoClock);
    }

    /** A guard with buckets for each device of {@code town}, watching the lag of {@code eventLog}. */
    public static IngestGuard create(IngestConfig config, Town town, RecordLog eventLog) {
        return new IngestGuard(eventLog, config.limits(), deviceIds(town), System::nanoTime);
    }

    /** Limits the devices of {@code town} (a new version of the town file) too; the ones limited already keep their buckets. */
    void admit(Town town) {
        List<String> ids = deviceIds(town);
        events.admit(ids);
        bytes.admit(ids);
    }

    /** Refuses any request while the events not yet acknowledged by the jobs exceed the bound. Cheap: check it first. */
    Optional<Rejection> pipelineBehind() {
        long lag = eventLog.totalLag();
        if (lag <= maxLagEvents) {
            return Optional.empty();
        }
        return Optional.of(Rejection.retryLater(Rejection.Reason.PIPELINE_BEHIND, "the stream jobs have " + lag
                + " events still to process (the limit is " + maxLagEvents + "); nothing was stored, retry after "
                + Rejection.PIPELINE_BEHIND_RETRY_AFTER_SECONDS + " s", Rejection.PIPELINE_BEHIND_RETRY_AFTER_SECONDS));
    }

    /** Takes a request body of {@code size} bytes from the device's byte rate, before anything of it is parsed; refuses it when over. */
    Optional<Rejection> chargeBytes(String deviceId, long size) {
        long waitNanos = bytes.take(deviceId, size);
        return waitNanos == 0 ? Optional.empty() : Optional.of(overRate(waitNanos, deviceId + " is over its rate of "
                + limits.deviceBytesPerSecond() + " bytes/s (bursts up to " + limits.deviceByteBurst() + " bytes); this request of "
                + size + " bytes was not read"));
    }

    /** Takes {@code tokens} event tokens from the device's rate, whole or not at all; refuses the request when over. */
    Optional<Rejection> chargeEvents(String deviceId, int tokens) {
        long waitNanos = events.take(deviceId, tokens);
        return waitNanos == 0 ? Optional.empty() : Optional.of(overRate(waitNanos, deviceId + " is over its rate of "
                + limits.deviceEventsPerSecond() + " events/s (bursts up to " + limits.deviceBurst() + "); this request costs " + tokens
                + " and nothing of it was stored"));
    }

    /** Charges a request refused for what it is (invalid, too large, wrong type): what it cost, down to an empty bucket. */
    void chargeRefused(String deviceId, long size, int tokens) {
        bytes.drain(deviceId, size);
        events.drain(deviceId, tokens);
    }

    /** The same, for event tokens only: its bytes were taken already. */
    void chargeRefusedEvents(String deviceId, int tokens) {
        events.drain(deviceId, tokens);
    }

    private static Rejection overRate(long waitNanos, String why) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999)));
        return Rejection.retryLater(Rejection.Reason.RATE_LIMITED, why + "; retry after " + seconds + " s", seconds);
    }

    private static List<String> deviceIds(Town town) {
        return town.devices().stream().map(Device::id).toList();
    }
}
