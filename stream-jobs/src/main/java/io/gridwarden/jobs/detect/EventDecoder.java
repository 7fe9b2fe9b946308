package io.gridwarden.jobs.detect;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.OfficerStatus;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.BadRecord;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.OfficerUpdate;
import io.gridwarden.jobs.source.Ticks;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns log records into the jobs' own small records: camera frames on the main output, officer
 * reports on {@link #OFFICERS}; drops ticks (their work, moving the watermark, is done by now).
 *
 * <p>A record that cannot be decoded goes to {@link #BAD_RECORDS} and the {@code badRecords} counter,
 * never an exception: a poison record must not restart the job in a loop. Events older than the
 * watermark are counted in {@code lateEvents} and still processed.
 */
public final class EventDecoder extends ProcessFunction<LogRecord, CameraFrame> {

    public static final OutputTag<OfficerUpdate> OFFICERS = new OutputTag<>("officer-updates", TypeInformation.of(OfficerUpdate.class));
    public static final OutputTag<BadRecord> BAD_RECORDS = new OutputTag<>("bad-records", TypeInformation.of(BadRecord.class));

    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

    private final String townLocation;
    private transient Town town;
    private transient Counter badRecords;
    private transient Counter lateEvents;

    public EventDecoder(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        town = Town.load(townLocation);
        badRecords = getRuntimeContext().getMetricGroup().counter("badRecords");
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(LogRecord record, Context ctx, Collector<CameraFrame> out) {
        if (Ticks.isTick(record)) {
            return;
        }
        DeviceEvent event;
        try {
            event = EventCodec.decode(record.payload());
        } catch (RuntimeException e) {
            bad(ctx, record, e.getMessage());
            return;
        }
        long time = event.time().toEpochMilli();
        if (time < ctx.timerService().currentWatermark()) {
            lateEvents.inc();
        }
        if (event.data() instanceof Detection detection) {
            out.collect(new CameraFrame(event.source(), time, detection.snapshot(), detection.objects()));
        } else if (event.data() instanceof OfficerStatus status) {
            var officer = town.officer(event.source());
            if (officer.isEmpty()) {
                bad(ctx, record, "officer status from " + event.source() + ", who is not an officer of the town");
                return;
            }
            ctx.output(OFFICERS, new OfficerUpdate(event.source(), officer.get().unit(), time, status.lat(), status.lon(), status.status()));
        }
        // Readings, acks and heartbeats have no consumer in this job yet.
    }

    private void bad(Context ctx, LogRecord record, String reason) {
        badRecords.inc();
        LOG.warn("skipping event log record {}/{}: {}", record.partition(), record.offset(), reason);
        ctx.output(BAD_RECORDS, new BadRecord(record.partition(), record.offset(), String.valueOf(reason)));
    }
}
