package io.gridwarden.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

class KafkaLogClockWatermarksTest {

    private static final Duration DELAY = Duration.ofSeconds(2);

    /** Flink's input-activity clock, which stands still while the source is back-pressured. */
    private final ManualClock activity = new ManualClock();
    private final KafkaLogClockWatermarks strategy = new KafkaLogClockWatermarks(DELAY, Duration.ofMillis(200), KafkaLogClockWatermarks.FIRST_RECORD_GRACE);
    private final WatermarkGenerator<LogRecord> split = strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return activity;
        }
    });
    private final List<String> said = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            said.add(String.valueOf(watermark.getTimestamp()));
        }

        @Override
        public void markIdle() {
            said.add("idle");
        }

        @Override
        public void markActive() {
            said.add("active");
        }
    };

    private void read(long appendTime) {
        split.onEvent(new LogRecord(0, 0, appendTime, new byte[0]), appendTime, output);
    }

    private void after(long millis) {
        activity.advanceTime(Duration.ofMillis(millis));
        split.onPeriodicEmit(output);
    }

    @Test
    void shouldStampEventsWithTheDeviceTime() {
        byte[] event = "{\"specversion\":\"1.0\",\"time\":\"2026-11-22T08:00:00.120Z\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(strategy.createTimestampAssigner(null).extractTimestamp(new LogRecord(0, 5, 99, event), 0))
                .isEqualTo(Instant.parse("2026-11-22T08:00:00.120Z").toEpochMilli());
    }

    @Test
    void shouldFollowTheLargestAppendTimeWhileRecordsFlow() {
        read(10_000);
        after(100);
        read(12_000);
        read(11_000); // append times are monotonic per partition; a smaller one changes nothing
        after(100);

        assertThat(said).containsExactly("8000", "10000");
    }

    @Test
    void shouldMoveOnByTheQuietTimeOnceAPartitionIsQuiet() {
        read(10_000);
        after(199);
        after(1); // quiet for 200 ms: devices said nothing, time still passes
        after(3_000);

        assertThat(said).containsExactly("8000", "8200", "11200");
    }

    @Test
    void shouldNotCountTimeTheSourceWasHeldUpAsQuiet() {
        read(10_000);
        split.onPeriodicEmit(output); // back-pressured: the activity clock does not advance
        split.onPeriodicEmit(output);
        after(150);

        assertThat(said).containsExactly("8000", "8000", "8000");
    }

    @Test
    void shouldNeverMoveBackWhenARecordFollowsAQuietSpell() {
        read(10_000);
        after(1_000); // 9000
        read(10_500); // read just now, appended a while ago
        after(10);

        assertThat(said).containsExactly("9000", "9000");
    }

    @Test
    void shouldMarkAPartitionIdleWhenNothingComesWithinTheGraceAndWakeItOnItsFirstRecord() {
        after(KafkaLogClockWatermarks.FIRST_RECORD_GRACE.toMillis() - 1);
        after(1);
        after(1_000); // idle once, not again
        read(50_000);
        after(10);

        assertThat(said).containsExactly("idle", "active", "48000");
    }
}
