package io.gridwarden.jobs.detect;

import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventData;
import io.gridwarden.common.event.Heartbeat;
import io.gridwarden.common.event.ManualAssign;
import io.gridwarden.common.event.ManualClose;
import io.gridwarden.common.event.OfficerStatus;
import io.gridwarden.common.event.Reading;
import io.gridwarden.common.event.TownChange;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.common.town.TownFileException;
import io.gridwarden.jobs.metrics.ExportedName;
import io.gridwarden.jobs.model.BadRecord;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.DeviceHeard;
import io.gridwarden.jobs.model.LateEvent;
import io.gridwarden.jobs.model.OfficerUpdate;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.SensorReading;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.source.Ticks;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns log records into the jobs' own small records: camera frames on the main output; sensor readings
 * on {@link #READINGS}; officer reports, command acks and dispatchers' actions on {@link #OTHERS}; drops ticks
 * (their work, moving the watermark, is done by now). Every event of a judged camera or sensor,
 * heartbeats included, is also reported on {@link #HEARD} for device health.
 *
 * <p>A record that cannot be decoded goes to {@link #BAD_RECORDS} and the {@code badRecords} counter,
 * never an exception: a poison record must not restart the job in a loop. Events older than the
 * watermark are counted in {@code lateEvents}, reported on {@link #LATE_EVENTS} and still processed.
 *
 * <p>A new town version ({@code gw.town.change}, which alerting appends to every partition) goes to
 * {@link #OTHERS} too, for the rule operators, and the decoder itself knows the new town's officers and
 * sensors from that record on; the latest version is kept as operator state for a restore. A decoder
 * built with {@code pinTown} ignores town changes: a what-if replay judges by its own town file only.
 */
public final class EventDecoder extends ProcessFunction<LogRecord, CameraFrame> implements CheckpointedFunction {

    public static final OutputTag<OfficerUpdate> OFFICERS = new OutputTag<>("officer-updates", TypeInformation.of(OfficerUpdate.class));
    public static final OutputTag<BadRecord> BAD_RECORDS = new OutputTag<>("bad-records", TypeInformation.of(BadRecord.class));
    public static final OutputTag<SensorReading> READINGS = new OutputTag<>("sensor-readings", TypeInformation.of(SensorReading.class));
    public static final OutputTag<DeviceAck> ACKS = new OutputTag<>("command-acks", TypeInformation.of(DeviceAck.class));
    public static final OutputTag<OperatorAction> OPERATIONS =
            new OutputTag<>("operator-actions", TypeInformation.of(OperatorAction.class));
    /** Every event of a camera or sensor that has an offline threshold (any kind: frame, reading, heartbeat, ack). */
    public static final OutputTag<DeviceHeard> HEARD = new OutputTag<>("devices-heard", TypeInformation.of(DeviceHeard.class));
    /** Events already behind the watermark when read: counted here and in {@code lateEvents}, and still processed. */
    public static final OutputTag<LateEvent> LATE_EVENTS = new OutputTag<>("late-events", TypeInformation.of(LateEvent.class));
    /** New versions of the town file, in log order, for the rule operators' broadcast state. */
    public static final OutputTag<TownVersion> TOWN_VERSIONS = new OutputTag<>("town-versions", TypeInformation.of(TownVersion.class));
    /**
     * The rarer kinds (officer reports, command acks, dispatchers' actions, town versions) on one output, which
     * {@link SplitOthers} hands to {@link #OFFICERS}, {@link #ACKS}, {@link #OPERATIONS} and {@link #TOWN_VERSIONS}.
     * Why: with object reuse, Flink gives each of an operator's outgoing edges a copy of every record it emits, whichever
     * output the record is for; so the decoder keeps few edges (frames, {@link #HEARD}, {@link #READINGS}, this), and
     * the copies for the many consumers of the rare kinds are made only for them.
     */
    public static final OutputTag<Other> OTHERS = new OutputTag<>("decoded-others", TypeInformation.of(Other.class));
    private static final ListStateDescriptor<TownVersion> LATEST_TOWN =
            new ListStateDescriptor<>("latest-town-version", TypeInformation.of(TownVersion.class));

    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

    private final String townLocation;
    private final boolean pinTown;
    private transient TownVersion latest;
    private transient ListState<TownVersion> latestState;
    private transient Town town;
    private transient Set<String> sensors;
    private transient Set<String> judged;
    private transient Counter badRecords;
    private transient Counter lateEvents;
    private transient Counter frames;
    private transient Counter readings;

    public EventDecoder(String townLocation) {
        this(townLocation, false);
    }

    /** {@code pinTown}: ignore the log's town changes and judge by {@code townLocation} throughout. */
    public EventDecoder(String townLocation, boolean pinTown) {
        this.townLocation = townLocation;
        this.pinTown = pinTown;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        latestState = context.getOperatorStateStore().getUnionListState(LATEST_TOWN);
        for (TownVersion v : latestState.get()) {
            latest = latest == null || v.version() > latest.version() ? v : latest;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        latestState.update(latest == null ? java.util.List.of() : java.util.List.of(latest));
    }

    @Override
    public void open(OpenContext context) {
        use(Town.loadShared(townLocation));
        if (latest != null && !pinTown) {
            use(Town.parseShared(latest.text(), townLocation));
        }
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(ExportedName.GROUP);
        badRecords = metrics.counter("badRecords");
        lateEvents = metrics.counter("lateEvents");
        frames = metrics.counter("frames");
        readings = metrics.counter("readings");
    }

    private void use(Town next) {
        town = next;
        sensors = next.sensors().stream().map(TownFile.Sensor::id).collect(Collectors.toSet());
        judged = Stream.concat(next.cameras().stream().map(TownFile.Camera::id), sensors.stream())
                .filter(d -> next.offlineAfter(d).isPresent()).collect(Collectors.toSet());
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
        long watermark = ctx.timerService().currentWatermark();
        if (time < watermark) {
            lateEvents.inc();
            ctx.output(LATE_EVENTS, new LateEvent(event.source(), event.id(), time, watermark));
        }
        route(event, time, record, ctx, out);
        if (judged.contains(event.source()) && fromTheDevice(event.data())) {
            ctx.output(HEARD, new DeviceHeard(event.source(), time));
        }
    }

    /**
     * Whether the event is the device's own voice: a frame, reading, heartbeat or ack, except a {@code failed}
     * ack with note {@code expired}, which alerting writes for a command it could not deliver.
     */
    private static boolean fromTheDevice(EventData data) {
        if (data instanceof CommandAck a) {
            return !("failed".equals(a.result()) && "expired".equals(a.note()));
        }
        return data instanceof Detection || data instanceof Reading || data instanceof Heartbeat;
    }

    private void route(DeviceEvent event, long time, LogRecord record, Context ctx, Collector<CameraFrame> out) {
        EventData data = event.data();
        if (data instanceof Detection d) {
            frames.inc();
            // ingest checked the ref's form; a stored event is read unbounded, so only a ref is passed on
            String evidence = EvidenceRef.isValid(d.evidence()) ? d.evidence() : null;
            out.collect(new CameraFrame(event.source(), time, d.snapshot(), d.objects(), evidence));
        } else if (data instanceof OfficerStatus status) {
            var officer = town.officer(event.source());
            if (officer.isEmpty()) {
                bad(ctx, record, "officer status from " + event.source() + ", who is not an officer of the town");
                return;
            }
            var update = new OfficerUpdate(event.source(), officer.get().unit(), time, status.lat(), status.lon(), status.status());
            ctx.output(OTHERS, Other.of(update));
        } else if (data instanceof Reading r) {
            if (!sensors.contains(event.source())) {
                bad(ctx, record, "reading from " + event.source() + ", which is not a sensor of the town");
                return;
            }
            readings.inc();
            ctx.output(READINGS, new SensorReading(event.source(), time, r.metric(), r.value()));
        } else if (data instanceof CommandAck a) {
            ctx.output(OTHERS, Other.of(new DeviceAck(event.source(), time, a.command(), a.result(), a.note())));
        } else if (data instanceof ManualAssign m) {
            ctx.output(OTHERS, Other.of(OperatorAction.assign(m.violation(), m.device(), time, m.officer(), m.operator())));
        } else if (data instanceof ManualClose c) {
            ctx.output(OTHERS, Other.of(OperatorAction.close(c.violation(), c.device(), time, c.reason(), c.operator())));
        } else if (data instanceof TownChange t && !pinTown) {
            changeTown(new TownVersion(t.version(), time, t.sha256(), t.town(), t.author()), record, ctx);
        }
        // Heartbeats only say the device is alive: they reach the jobs on HEARD (device health) alone.
    }

    /** Every partition carries the change, so each decoder switches at its place in its own partitions. */
    private void changeTown(TownVersion version, LogRecord record, Context ctx) {
        if (latest != null && version.version() <= latest.version()) {
            return; // the same change read from another partition, or an older one
        }
        try {
            use(Town.parseShared(version.text(), townLocation));
        } catch (TownFileException e) {
            bad(ctx, record, "town version " + version.version() + " cannot be used: " + e.getMessage());
            return;
        }
        latest = version;
        ctx.output(OTHERS, Other.of(version));
    }

    private void bad(Context ctx, LogRecord record, String reason) {
        badRecords.inc();
        LOG.warn("skipping event log record {}/{}: {}", record.partition(), record.offset(), reason);
        ctx.output(BAD_RECORDS, new BadRecord(record.partition(), record.offset(), String.valueOf(reason)));
    }

    /** One record of the rarer kinds: exactly one of its members is set. */
    public record Other(OfficerUpdate officer, DeviceAck ack, OperatorAction operation, TownVersion town) {

        static Other of(OfficerUpdate officer) {
            return new Other(officer, null, null, null);
        }

        static Other of(DeviceAck ack) {
            return new Other(null, ack, null, null);
        }

        static Other of(OperatorAction operation) {
            return new Other(null, null, operation, null);
        }

        static Other of(TownVersion town) {
            return new Other(null, null, null, town);
        }
    }

    /** Hands each of {@link #OTHERS} to its own output: {@link #OFFICERS}, {@link #ACKS}, {@link #OPERATIONS}, {@link #TOWN_VERSIONS}. */
    public static final class SplitOthers extends ProcessFunction<Other, Other> {

        @Override
        public void processElement(Other other, Context ctx, Collector<Other> out) {
            if (other.officer() != null) {
                ctx.output(OFFICERS, other.officer());
            } else if (other.ack() != null) {
                ctx.output(ACKS, other.ack());
            } else if (other.operation() != null) {
                ctx.output(OPERATIONS, other.operation());
            } else if (other.town() != null) {
                ctx.output(TOWN_VERSIONS, other.town());
            }
        }
    }
}
