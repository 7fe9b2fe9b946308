package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeviceRateLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    /** 10 events/s, bursts of 50. */
    private final DeviceRateLimits limits = new DeviceRateLimits(List.of("cam-1", "cam-2"), 10, 50, now::get);

    @Test
    void shouldGrantABurstThenAskToWaitForTheMissingTokens() {
        assertThat(limits.take("cam-1", 30)).isZero();
        assertThat(limits.take("cam-1", 20)).isZero();

        assertThat(limits.take("cam-1", 5)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void shouldRefillAtTheConfiguredRate() {
        limits.take("cam-1", 50);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));

        assertThat(limits.take("cam-1", 10)).isZero();
        assertThat(limits.take("cam-1", 1)).isPositive();
    }

    @Test
    void shouldNotTakeTokensForARefusedRequest() {
        limits.take("cam-1", 45);
        assertThat(limits.take("cam-1", 10)).isPositive(); // refused whole
        assertThat(limits.take("cam-1", 5)).isZero(); // the 5 left are still there
    }

    @Test
    void shouldKeepEachDevicesBucketApart() {
        limits.take("cam-1", 50);
        assertThat(limits.take("cam-2", 50)).isZero();
    }

    @Test
    void shouldChargeARequestLargerThanTheBurstTheWholeBucket() {
        assertThat(limits.take("cam-1", 1000)).isZero();
        assertThat(limits.take("cam-1", 1)).isPositive();
    }

    @Test
    void shouldNotLimitDevicesOutsideTheTown() {
        assertThat(limits.take("intruder", 1_000_000)).isZero();
    }

    @Test
    void shouldDrainWhatARefusedRequestCostsDownToEmptyButNoFurther() {
        limits.drain("cam-1", 45);
        assertThat(limits.take("cam-1", 5)).isZero();

        limits.drain("cam-1", 1_000);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));

        assertThat(limits.take("cam-1", 1)).as("refilled from empty, not from below it").isZero();
    }

    @Test
    void shouldLimitADeviceAddedByANewTownVersionAndKeepTheOthersBuckets() {
        limits.take("cam-1", 50);
        limits.admit(List.of("cam-1", "cam-3"));

        assertThat(limits.take("cam-3", 50)).isZero();
        assertThat(limits.take("cam-3", 1)).as("the added device is limited").isPositive();
        assertThat(limits.take("cam-1", 1)).as("a known device's bucket is not refilled by the new version").isPositive();
    }
}
