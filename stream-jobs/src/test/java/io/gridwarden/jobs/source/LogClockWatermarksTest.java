package io.gridwarden.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class LogClockWatermarksTest {

    private final LogClockWatermarks strategy = new LogClockWatermarks(Duration.ofSeconds(2));
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    @Test
    void shouldStampEventsWithTheDeviceTimeAndTicksWithTheAppendTime() {
        TimestampAssigner<LogRecord> assigner = strategy.createTimestampAssigner(null);
        byte[] event = "{\"specversion\":\"1.0\",\"data\":{\"time\":\"nested\"},\"time\":\"2026-11-22T08:00:00.120Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(assigner.extractTimestamp(new LogRecord(0, 5, 99, event), 0))
                .isEqualTo(Instant.parse("2026-11-22T08:00:00.120Z").toEpochMilli());
        assertThat(assigner.extractTimestamp(Ticks.tick(0, 1234), 0)).isEqualTo(1234);
        assertThat(assigner.extractTimestamp(new LogRecord(0, 6, 77, "garbage".getBytes(StandardCharsets.UTF_8)), 0)).isEqualTo(77);
    }

    @Test
    void shouldTakeTheDeviceTimeStoredBesideTheRecordWithoutParsingThePayload() {
        TimestampAssigner<LogRecord> assigner = strategy.createTimestampAssigner(null);
        long stored = Instant.parse("2026-12-04T08:00:00.120Z").toEpochMilli();
        // the payload names another time, and could not be parsed anyway: only the stored time can be the answer
        byte[] unparsable = "{\"time\":\"2026-12-04T09:00:00Z\", not json".getBytes(StandardCharsets.UTF_8);

        assertThat(assigner.extractTimestamp(new LogRecord(0, 5, 99, unparsable, stored), 0)).isEqualTo(stored);
        assertThat(assigner.extractTimestamp(new LogRecord(0, 6, 99, null, stored), 0)).isEqualTo(stored);
    }

    @Test
    void shouldFollowTheLogClockNotTheDeviceClock() {
        WatermarkGenerator<LogRecord> clock = strategy.createWatermarkGenerator(null);
        clock.onPeriodicEmit(output);
        assertThat(emitted).isEmpty(); // nothing seen yet: no claim about time

        clock.onEvent(new LogRecord(0, 0, 10_000, new byte[0]), 1, output); // a device clock far behind
        clock.onPeriodicEmit(output);
        clock.onEvent(Ticks.tick(0, 15_000), 15_000, output);
        clock.onEvent(new LogRecord(0, 1, 14_000, new byte[0]), 99_999_999, output); // and one far ahead
        clock.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(8_000L, 13_000L);
    }
}
