package io.gridwarden.ingest;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per device: each holds up to {@code burst} tokens and refills at {@code perSecond}.
 * What a token is belongs to the caller: ingest keeps one set of buckets in events and one in bytes
 * ({@link IngestGuard}). The buckets are made once, for the devices of the town, so memory stays bounded
 * whoever knocks. Safe from any thread (HTTP and MQTT share one instance, so a device cannot double its
 * rate by using both).
 */
final class DeviceRateLimits {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, Bucket> buckets = new java.util.concurrent.ConcurrentHashMap<>();
    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoClock;

    DeviceRateLimits(Collection<String> deviceIds, double perSecond, double burst, LongSupplier nanoClock) {
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoClock = nanoClock;
        admit(deviceIds);
    }

    /** Gives each of {@code deviceIds} not limited yet a full bucket (devices added by a new version of the town file). */
    void admit(Collection<String> deviceIds) {
        long now = nanoClock.getAsLong();
        deviceIds.forEach(id -> buckets.computeIfAbsent(id, k -> new Bucket(burst, now)));
    }

    /**
     * Takes {@code tokens} from the device's bucket, whole or not at all; returns 0 when granted, else the
     * nanoseconds until the bucket will hold enough. A request larger than the burst costs the whole bucket.
     * A device outside the town (never authenticated) is not limited here.
     */
    long take(String deviceId, long tokens) {
        Bucket bucket = buckets.get(deviceId);
        if (bucket == null || tokens <= 0) {
            return 0;
        }
        double cost = Math.min(tokens, burst);
        synchronized (bucket) {
            refill(bucket);
            if (bucket.tokens >= cost) {
                bucket.tokens -= cost;
                return 0;
            }
            return (long) Math.ceil((cost - bucket.tokens) / tokensPerNano);
        }
    }

    /**
     * Takes up to {@code tokens} whatever the bucket holds, leaving it empty at worst: what a refused request
     * costs. Its device will have to wait for the refill before anything of it is taken again.
     */
    void drain(String deviceId, long tokens) {
        Bucket bucket = buckets.get(deviceId);
        if (bucket == null || tokens <= 0) {
            return;
        }
        synchronized (bucket) {
            refill(bucket);
            bucket.tokens = Math.max(0, bucket.tokens - tokens);
        }
    }

    private void refill(Bucket bucket) {
        long now = nanoClock.getAsLong();
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
        bucket.refilledAt = now;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
