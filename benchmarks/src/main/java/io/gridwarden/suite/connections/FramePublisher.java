package io.gridwarden.suite.connections;

import static io.gridwarden.loadgen.AckLatencies.millis;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.suite.mqtt.MqttLoad;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Every held device publishes one detection frame (QoS 1) every {@code every}, the devices' turns spread
 * evenly over the period, in open loop: a frame is due at its turn whatever the PUBACKs' speed, and its
 * latency runs from that due time to its PUBACK, so a stalled server shows as latency (no coordinated
 * omission). Frames due in the warm-up are sent but not counted.
 */
public final class FramePublisher {

    /** Frames awaiting their PUBACK at once, at most; a frame due beyond it is skipped and counted. */
    private static final int MAX_IN_FLIGHT = 20_000;
    private static final long DRAIN_SECONDS = 30;

    /** What the measured window saw: frames due, acknowledged, failed or refused, skipped; PUBACK latency in ms. */
    public record Publishing(double framesPerSecond, long due, long acked, long failed, long skipped, double p50Millis, double p99Millis,
                             double p999Millis, double maxMillis) {}

    private final List<DeviceFleet.Connected> devices;
    private final Duration every;
    private final Set<String> parked;

    /** {@code parked}: devices whose frames show a car parked in their parking zone, the same car all along. */
    FramePublisher(List<DeviceFleet.Connected> devices, Duration every, Set<String> parked) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device holds a connection: nothing to publish from");
        }
        this.devices = devices;
        this.every = every;
        this.parked = parked;
    }

    /** Publishes for {@code warmup} unmeasured, then {@code duration} measured; returns once the last frame is answered. */
    Publishing run(Duration warmup, Duration duration) throws InterruptedException {
        var frames = new FrameBatches(Long.toString(System.nanoTime(), 36));
        var recorder = new Recorder(3);
        var inFlight = new Semaphore(MAX_IN_FLIGHT);
        var acked = new LongAdder();
        var failed = new LongAdder();
        long skipped = 0;
        long due = 0;
        long period = every.toNanos();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        for (long k = 0; ; k++) {
            long at = start + k * period / devices.size();
            if (at >= end) {
                break;
            }
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = at >= measureFrom;
            due += measured ? 1 : 0;
            if (!inFlight.tryAcquire()) {
                skipped += measured ? 1 : 0;
                continue;
            }
            DeviceFleet.Connected device = devices.get((int) (k % devices.size()));
            device.client().publishWith().topic("devices/" + device.device() + "/events").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(frames.next(device.device(), 1, parked.contains(device.device()) ? "parked-" + device.device() : null)).send().whenComplete((result, error) -> {
                        if (measured) {
                            recorder.recordValue(Math.max(0, System.nanoTime() - at));
                            (MqttLoad.acknowledged(result, error) ? acked : failed).increment();
                        }
                        inFlight.release();
                    });
        }
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, DRAIN_SECONDS, TimeUnit.SECONDS)) {
            failed.add(MAX_IN_FLIGHT - inFlight.availablePermits()); // never answered
        }
        Histogram h = recorder.getIntervalHistogram();
        return new Publishing(Math.round(acked.sum() / (duration.toNanos() / 1e9) * 10) / 10.0, due, acked.sum(), failed.sum(), skipped,
                millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)), millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()));
    }

}
