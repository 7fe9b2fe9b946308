package io.gridwarden.jobs.kafka;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.source.LogSource;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Event time from the devices, watermarks from the broker's clock, moved on by the wall clock while a
 * partition is quiet: for Kafka, what {@link LogClockWatermarks} and the embedded source's ticks do.
 *
 * <p>Timestamps are the devices' times, as with the embedded log. Per split (one partition) the
 * watermark is the largest append time read minus {@code maxDeviceDelay}. Kafka says nothing while
 * devices are silent, so once a split has read nothing for {@link #QUIET_AFTER} it moves on by the
 * time it has been quiet: largest append time + quiet time − delay. A replay reads records back to
 * back and keeps the stored times; a quiet town still reaches its dwell, grace and accept deadlines.
 * Quiet time is measured on Flink's input-activity clock, which stands still while the source is
 * back-pressured, so a replay that is held up is not mistaken for silence.
 *
 * <p>A split that has read no record within {@link #FIRST_RECORD_GRACE} of being assigned is marked
 * idle, so an empty partition never holds the job's clock back; its first record (stamped by the
 * broker at or after that moment) makes it active again. The grace lets a restored job read its
 * backlog before any split may run ahead of it on the wall clock.
 */
public final class KafkaLogClockWatermarks implements WatermarkStrategy<LogRecord> {

    /** How long a split reads nothing before it counts as quiet (the embedded source's tick interval). */
    public static final Duration QUIET_AFTER = LogSource.TICK_INTERVAL;
    /** How long a newly assigned split may take to deliver its first record before it is marked idle. */
    public static final Duration FIRST_RECORD_GRACE = Duration.ofSeconds(5);

    private final LogClockWatermarks deviceTimes;
    private final long delayMillis;
    private final long quietAfterMillis;
    private final long firstRecordGraceMillis;

    public KafkaLogClockWatermarks(Duration maxDeviceDelay) {
        this(maxDeviceDelay, QUIET_AFTER, FIRST_RECORD_GRACE);
    }

    KafkaLogClockWatermarks(Duration maxDeviceDelay, Duration quietAfter, Duration firstRecordGrace) {
        this.deviceTimes = new LogClockWatermarks(maxDeviceDelay);
        this.delayMillis = maxDeviceDelay.toMillis();
        this.quietAfterMillis = quietAfter.toMillis();
        this.firstRecordGraceMillis = firstRecordGrace.toMillis();
    }

    @Override
    public TimestampAssigner<LogRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return deviceTimes.createTimestampAssigner(context);
    }

    @Override
    public WatermarkGenerator<LogRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new QuietAdvancingClock(delayMillis, quietAfterMillis, firstRecordGraceMillis, context.getInputActivityClock());
    }

    /** The clock of one split: largest append time, and how long ago (activity time) the last record came. */
    static final class QuietAdvancingClock implements WatermarkGenerator<LogRecord> {
        private final long delay;
        private final long quietAfter;
        private final long firstRecordGrace;
        private final RelativeClock activity;
        private final long assignedAt;
        private long maxAppendTime = Long.MIN_VALUE;
        private long lastRecordAt;
        private long emitted = Long.MIN_VALUE;
        private boolean idle;

        QuietAdvancingClock(long delay, long quietAfter, long firstRecordGrace, RelativeClock activity) {
            this.delay = delay;
            this.quietAfter = quietAfter;
            this.firstRecordGrace = firstRecordGrace;
            this.activity = activity;
            this.assignedAt = activity.relativeTimeMillis();
        }

        @Override
        public void onEvent(LogRecord record, long timestamp, WatermarkOutput output) {
            maxAppendTime = Math.max(maxAppendTime, record.appendTimeMillis());
            lastRecordAt = activity.relativeTimeMillis();
            if (idle) {
                output.markActive();
                idle = false;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = activity.relativeTimeMillis();
            if (maxAppendTime == Long.MIN_VALUE) {
                if (!idle && now - assignedAt >= firstRecordGrace) {
                    output.markIdle();
                    idle = true;
                }
                return;
            }
            long quiet = now - lastRecordAt;
            // never backwards: a record read after a quiet spell may carry an append time the wall clock passed
            emitted = Math.max(emitted, maxAppendTime - delay + (quiet >= quietAfter ? quiet : 0));
            output.emitWatermark(new Watermark(emitted));
        }
    }
}
