package io.gridwarden.jobs.source;

import io.gridwarden.common.log.LogRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time from the devices, watermarks from the log's clock.
 *
 * <p>A record's timestamp is its device {@code time}, which ingest stores beside the record (a tick's is its
 * append time), but device clocks cannot be trusted to move: the watermark is the largest append time seen on the split (records and
 * ticks) minus {@code maxDeviceDelay}, the delay the job allows between a device seeing something and
 * the log storing it. An event older than that is late: it is counted and still processed.
 */
public final class LogClockWatermarks implements WatermarkStrategy<LogRecord> {

    /**
     * The default allowance between a device's clock and the log's: every decision waits this long
     * after it is due, so it is the floor of the job's latency. A device that sends as it sees (MQTT,
     * or HTTP a frame or a short batch at a time) stays well inside it; a fleet that buffers frames for
     * longer should get a larger allowance, or its frames are counted late (and still processed).
     */
    public static final Duration DEFAULT_MAX_DEVICE_DELAY = Duration.ofMillis(250);

    private final long maxDeviceDelayMillis;

    public LogClockWatermarks(Duration maxDeviceDelay) {
        this.maxDeviceDelayMillis = maxDeviceDelay.toMillis();
    }

    @Override
    public TimestampAssigner<LogRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (record, previous) -> deviceTime(record);
    }

    /**
     * The device time ingest stored beside the record, read without touching the payload; only a record
     * stored without one (on a Kafka topic written before event times were stored) has its payload parsed.
     */
    static long deviceTime(LogRecord record) {
        if (record.hasEventTime()) {
            return record.eventTimeMillis();
        }
        return Ticks.isTick(record) || record.payload() == null
                ? record.appendTimeMillis()
                : DeviceTimes.of(record.payload(), record.appendTimeMillis());
    }

    @Override
    public WatermarkGenerator<LogRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new LogClock(maxDeviceDelayMillis);
    }

    /** Keeps the largest append time of one split. */
    static final class LogClock implements WatermarkGenerator<LogRecord> {
        private final long delay;
        private long maxAppendTime = Long.MIN_VALUE;

        LogClock(long delay) {
            this.delay = delay;
        }

        @Override
        public void onEvent(LogRecord record, long timestamp, WatermarkOutput output) {
            maxAppendTime = Math.max(maxAppendTime, record.appendTimeMillis());
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (maxAppendTime != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(maxAppendTime - delay));
            }
        }
    }
}
