package io.gridwarden.ingest;

import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Town;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Refuses work ingest should not take on, whatever the transport: everything while the stream jobs
 * lag too far behind the event log, and a device's requests beyond its rate. Overload is refused at
 * the edge rather than buffered. Share one guard between the HTTP and MQTT endpoints of a process.
 */
public final class IngestGuard {

    private final RecordLog eventLog;
    private final long maxLagEvents;
    private final IngestLimits limits;
    private final DeviceRateLimits rates;

    IngestGuard(RecordLog eventLog, IngestLimits limits, Collection<String> deviceIds, LongSupplier nanoClock) {
        this.eventLog = eventLog;
        this.maxLagEvents = limits.maxLagEvents();
        this.limits = limits;
        this.rates = new DeviceRateLimits(deviceIds, limits.deviceEventsPerSecond(), limits.deviceBurst(), nanoClock);
    }

    /** A guard with a bucket for each device of {@code town}, watching the lag of {@code eventLog}. */
    public static IngestGuard create(IngestConfig config, Town town, RecordLog eventLog) {
        return new IngestGuard(eventLog, config.limits(), deviceIds(town), System::nanoTime);
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

    /** Takes a request of {@code events} from the device's rate; refuses it whole when the device is over its rate. */
    Optional<Rejection> charge(String deviceId, int events) {
        long waitNanos = rates.take(deviceId, events);
        if (waitNanos == 0) {
            return Optional.empty();
        }
        int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999)));
        return Optional.of(Rejection.retryLater(Rejection.Reason.RATE_LIMITED, deviceId + " is over its rate of " + limits.deviceEventsPerSecond()
                + " events/s (bursts up to " + limits.deviceBurst() + "); these " + events + " events were not stored, retry after " + seconds + " s", seconds));
    }

    private static List<String> deviceIds(Town town) {
        return Stream.of(town.cameras().stream().map(c -> c.id()), town.sensors().stream().map(s -> s.id()),
                town.officers().stream().map(o -> o.id())).flatMap(ids -> ids).toList();
    }
}
