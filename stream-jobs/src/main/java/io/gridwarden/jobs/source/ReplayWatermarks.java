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
 * The live job's clock ({@link LogClockWatermarks}: device times, watermark = largest append time − the
 * device delay) with the watermark emitted at every record instead of every few milliseconds of wall time. A replay
 * reads an hour of the log in seconds; emitted by the wall clock its watermark would leap over minutes
 * of records at once, and timers would fire after records they fired before live.
 */
public final class ReplayWatermarks implements WatermarkStrategy<LogRecord> {

    private final LogClockWatermarks live;
    private final long maxDeviceDelayMillis;

    public ReplayWatermarks(Duration maxDeviceDelay) {
        this.live = new LogClockWatermarks(maxDeviceDelay);
        this.maxDeviceDelayMillis = maxDeviceDelay.toMillis();
    }

    @Override
    public TimestampAssigner<LogRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return live.createTimestampAssigner(context);
    }

    @Override
    public WatermarkGenerator<LogRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new WatermarkGenerator<>() {
            private long maxAppendTime = Long.MIN_VALUE;

            @Override
            public void onEvent(LogRecord record, long timestamp, WatermarkOutput output) {
                if (record.appendTimeMillis() > maxAppendTime) {
                    maxAppendTime = record.appendTimeMillis();
                    output.emitWatermark(new Watermark(maxAppendTime - maxDeviceDelayMillis));
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        };
    }
}
