package io.gridwarden.evidence.files;

import java.time.Duration;

/**
 * What the evidence store keeps; the defaults live here and nowhere else.
 *
 * @param maxPictureBytes the largest picture stored
 * @param maxTotalBytes   the most bytes of pictures held at once; beyond it new pictures are refused (not the
 *                        oldest evicted: evidence of an open violation must not vanish because a device sends much)
 * @param retention       how long a picture is kept after it was last put
 * @param sweepInterval   how often pictures older than the retention are deleted
 */
public record EvidenceLimits(long maxPictureBytes, long maxTotalBytes, Duration retention, Duration sweepInterval) {

    /** A 4K JPEG snapshot is 1-2 MB; a 1080p one a few hundred KB. */
    public static final long DEFAULT_MAX_PICTURE_BYTES = 2L * 1024 * 1024;
    /** About 10,000 pictures of 200 KB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 2L * 1024 * 1024 * 1024;
    /** As long as alerting keeps violations that are over. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);

    public EvidenceLimits {
        if (maxPictureBytes < 1 || maxPictureBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxPictureBytes must be positive and below 2 GiB, got " + maxPictureBytes);
        }
        if (maxTotalBytes < maxPictureBytes) {
            throw new IllegalArgumentException("maxTotalBytes (" + maxTotalBytes + ") must hold at least one picture of maxPictureBytes ("
                    + maxPictureBytes + ")");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be a positive duration, got " + retention);
        }
        if (sweepInterval == null || sweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("sweepInterval must be at least 1 ms, got " + sweepInterval);
        }
    }

    public static EvidenceLimits defaults() {
        return new EvidenceLimits(DEFAULT_MAX_PICTURE_BYTES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_RETENTION, DEFAULT_SWEEP_INTERVAL);
    }

    public EvidenceLimits withRetention(Duration newRetention) {
        return new EvidenceLimits(maxPictureBytes, maxTotalBytes, newRetention, sweepInterval);
    }

    public EvidenceLimits withBytes(long newMaxPictureBytes, long newMaxTotalBytes) {
        return new EvidenceLimits(newMaxPictureBytes, newMaxTotalBytes, retention, sweepInterval);
    }
}
