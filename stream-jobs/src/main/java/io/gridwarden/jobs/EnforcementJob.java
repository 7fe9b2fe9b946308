package io.gridwarden.jobs;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.assign.AssignmentFunction;
import io.gridwarden.jobs.assign.RegionRouter;
import io.gridwarden.jobs.dedup.DuplicateFilter;
import io.gridwarden.jobs.dedup.EventIds;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.detect.EventDecoder;
import io.gridwarden.jobs.detect.WarningAcks;
import io.gridwarden.jobs.health.DeviceHealthFunction;
import io.gridwarden.jobs.metrics.ActionCounter;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraInput;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.DeviceHeard;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.SensorInput;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.model.WarningFailure;
import io.gridwarden.jobs.sensor.SensorWatchFunction;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.town.TownTimeline;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The enforcement job: event log → decode → per-camera dwell detection and escalation (failed voice
 * warnings included), per-sensor threshold detection, per-device liveness (offline cameras and
 * sensors) → assignment (nearest officer, accept deadlines, acks, dispatchers' actions) →
 * action log.
 *
 * <p>This class only wires; the production runner and the tests both call {@link #build}, so the
 * tests run the real topology. The uids are part of the savepoint format: never change them.
 *
 * <p>{@code commandIds} carries the deployment's command secret: command ids are made under it, and
 * ingest, given the same secret, checks that a device acknowledging a command is its recipient.
 */
public final class EnforcementJob {

    /**
     * Every edge of the job but those {@link #relaxed} sends each record at once (0: no partly filled buffer waits for
     * more): frames, town versions and the watermarks that make decisions due go into detection and the sensor rules,
     * decisions come out, and a voice warning waits for the slowest of those channels. With buffers held up to 10 ms
     * and watermarks every 5 ms the median voice warning at 50,000 events/s came 15 ms later (279 against 264 ms,
     * 120 probes each), and the CPU at 100,000 events/s was the same within the measurement's spread. The job sets it
     * itself, so a cluster's default (100 ms) does not apply.
     */
    static final long PROMPT_BUFFER_TIMEOUT_MS = 0;
    /**
     * How long a partly filled network buffer may wait on the way to and from assignment and device health,
     * Flink's default: an officer's assignment or an offline alert 100 ms later changes nothing for anyone, and
     * those edges carry every officer's position and every device's heartbeat.
     */
    static final long RELAXED_BUFFER_TIMEOUT_MS = 100;
    /**
     * How often the source emits watermarks: a decision waits up to this long on top of the allowance (at 25 ms
     * the median voice warning came 18 ms later than at 5 ms). A watermark that has not moved is not sent again,
     * so a quiet source costs nothing more.
     */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(2);
    private static final TypeInformation<TownVersion> TOWN_VERSION = TypeInformation.of(TownVersion.class);
    private static final TypeInformation<DeviceHeard> DEVICE_HEARD = TypeInformation.of(DeviceHeard.class);
    private static final TypeInformation<DeskInput> DESK_INPUT = TypeInformation.of(DeskInput.class);
    private static final TypeInformation<CameraInput> CAMERA_INPUT = TypeInformation.of(CameraInput.class);
    private static final TypeInformation<Action> ACTION = TypeInformation.of(Action.class);
    private static final TypeInformation<SensorInput> SENSOR_INPUT = TypeInformation.of(SensorInput.class);
    private static final TypeInformation<CameraNotice> CAMERA_NOTICE = TypeInformation.of(CameraNotice.class);
    private static final TypeInformation<WarningFailure> WARNING_FAILURE = TypeInformation.of(WarningFailure.class);

    private EnforcementJob() {}

    /**
     * Builds the topology over the embedded event log, whose source emits ticks: watermarks from the
     * log's clock ({@link LogClockWatermarks}), default flicker tolerance ({@link DwellTracker#ABSENCE_TIMEOUT}).
     */
    public static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, Sink<Action> actions,
            String townLocation, Duration maxDeviceDelay, CommandIds commandIds) {
        build(env, events, actions, townLocation, maxDeviceDelay, DwellTracker.ABSENCE_TIMEOUT, commandIds);
    }

    /**
     * The same over the embedded event log; {@code pinTown}: judge by {@code townLocation} throughout and ignore
     * the log's town changes ({@code gw.town.change}), as a what-if replay of a candidate town file must.
     */
    public static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, Sink<Action> actions,
            String townLocation, Duration maxDeviceDelay, CommandIds commandIds, boolean pinTown) {
        build(env, events, new LogClockWatermarks(maxDeviceDelay), actions, townLocation, DwellTracker.ABSENCE_TIMEOUT, null,
                commandIds, null, pinTown);
    }

    /**
     * Builds the topology over a source that brings its own watermark strategy: a Kafka source has no
     * ticks, so it passes {@code KafkaLogClockWatermarks}. Timestamps must be the devices' times.
     * Several ingest instances append to such a log and none sees every event, so the job drops
     * repeated (source, id) itself ({@link DuplicateFilter}).
     */
    public static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, WatermarkStrategy<LogRecord> watermarks,
            Sink<Action> actions, String townLocation, CommandIds commandIds) {
        build(env, events, watermarks, actions, townLocation, DwellTracker.ABSENCE_TIMEOUT, null, commandIds, DuplicateFilter.DEFAULT_WINDOW,
                false);
    }

    /** Builds the topology; {@code absenceTimeout} is how long frames must miss an object before it has gone. */
    static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, Sink<Action> actions,
            String townLocation, Duration maxDeviceDelay, Duration absenceTimeout, CommandIds commandIds) {
        build(env, events, actions, townLocation, maxDeviceDelay, absenceTimeout, null, commandIds);
    }

    /**
     * Builds the topology with {@code probe} (null: none) applied to every log record right after the
     * source: the seam through which tests inject a task failure into the real topology.
     */
    static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, Sink<Action> actions,
            String townLocation, Duration maxDeviceDelay, Duration absenceTimeout, MapFunction<LogRecord, LogRecord> probe,
            CommandIds commandIds) {
        build(env, events, new LogClockWatermarks(maxDeviceDelay), actions, townLocation, absenceTimeout, probe, commandIds, null, false);
    }

    /**
     * Builds the topology for a replay of the embedded log ({@code ReplayJob}): the source brings its own
     * watermarks, and the log de-duplicated at ingest, as live. {@code pinTown}: judge by {@code townLocation}
     * alone (a what-if), else switch at the log's town changes as live did.
     */
    static void buildReplay(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, WatermarkStrategy<LogRecord> watermarks,
            Sink<Action> actions, String townLocation, CommandIds commandIds, boolean pinTown) {
        build(env, events, watermarks, actions, townLocation, DwellTracker.ABSENCE_TIMEOUT, null, commandIds, null, pinTown);
    }

    /**
     * The whole topology; {@code dedupWindow} (null: none) adds the job's own (source, id) de-duplication,
     * for logs that do not de-duplicate at ingest (Kafka with several ingest instances). New town versions in the
     * log reach the rule operators as broadcast state (unless {@code pinTown}).
     */
    private static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, WatermarkStrategy<LogRecord> watermarks,
            Sink<Action> actions, String townLocation, Duration absenceTimeout, MapFunction<LogRecord, LogRecord> probe,
            CommandIds commandIds, Duration dedupWindow, boolean pinTown) {
        // Chained operators hand each other the record itself rather than a serializer's copy of it: every record
        // of the job is immutable and no function keeps or changes its input (the copies were 3 % of the CPU).
        env.getConfig().enableObjectReuse();
        // The job's own latency settings, wherever it runs: a cluster's defaults (watermarks every 200 ms, buffers
        // held up to 100 ms) would each add to every decision's wait.
        env.getConfig().setAutoWatermarkInterval(WATERMARK_INTERVAL.toMillis());
        env.setBufferTimeout(PROMPT_BUFFER_TIMEOUT_MS);
        DataStream<LogRecord> records = env.fromSource(events, watermarks, "event-log").uid("event-log-source");
        if (probe != null) {
            records = records.map(probe).name("probe").uid("probe");
        }
        if (dedupWindow != null) {
            records = records.keyBy(r -> EventIds.sourceOf(r.payload()))
                    .process(new DuplicateFilter(dedupWindow)).name("drop-duplicates").uid("drop-duplicates");
        }
        SingleOutputStreamOperator<CameraFrame> frames = records
                .process(new EventDecoder(townLocation, pinTown)).name("decode-events").uid("decode-events");
        SingleOutputStreamOperator<EventDecoder.Other> others = frames.getSideOutput(EventDecoder.OTHERS)
                .process(new EventDecoder.SplitOthers(), EventDecoder.OTHERS.getTypeInfo()).name("split-decoded").uid("split-decoded");
        DataStream<OperatorAction> operations = others.getSideOutput(EventDecoder.OPERATIONS);
        DataStream<TownVersion> townVersions = others.getSideOutput(EventDecoder.TOWN_VERSIONS);
        BroadcastStream<TownVersion> towns = townVersions.broadcast(TownTimeline.VERSIONS); // to detection and the sensor rules
        // the same versions (and watermarks) to assignment and device health, through edges that may wait longer
        BroadcastStream<TownVersion> relaxedTowns = relaxed(townVersions.map(version -> version, TOWN_VERSION)
                .name("town-versions-relaxed").uid("town-versions-relaxed")).broadcast(TownTimeline.VERSIONS);

        DataStream<CameraNotice> notices = operations.map(CameraNotice::of, CAMERA_NOTICE).name("camera-operations").uid("camera-operations")
                .union(others.getSideOutput(EventDecoder.ACKS).flatMap(new WarningAcks(townLocation, commandIds), WARNING_FAILURE)
                        .name("failed-warnings").uid("failed-warnings").map(CameraNotice::of, CAMERA_NOTICE)
                        .name("camera-failed-warnings").uid("camera-failed-warnings"));
        SingleOutputStreamOperator<Action> cameras = frames.map(CameraInput::of, CAMERA_INPUT).name("camera-frames").uid("camera-frames")
                .union(notices.map(CameraInput::of, CAMERA_INPUT).name("camera-notices").uid("camera-notices"))
                .keyBy(CameraInput::camera)
                .connect(towns)
                .process(new CameraWatchFunction(townLocation, absenceTimeout, commandIds)).name("detect-and-escalate").uid("detect-and-escalate");
        SingleOutputStreamOperator<Action> sensors = frames.getSideOutput(EventDecoder.READINGS)
                .map(SensorInput::of, SENSOR_INPUT).name("sensor-readings").uid("sensor-readings")
                .union(operations.map(SensorInput::of, SENSOR_INPUT).name("sensor-operations").uid("sensor-operations"))
                .keyBy(SensorInput::sensor)
                .connect(towns)
                .process(new SensorWatchFunction(townLocation), ACTION).name("sensor-thresholds").uid("sensor-thresholds");
        SingleOutputStreamOperator<Action> health = relaxed(relaxed(frames.getSideOutput(EventDecoder.HEARD)
                        .map(heard -> heard, DEVICE_HEARD).name("devices-heard").uid("devices-heard"))
                .keyBy(DeviceHeard::device)
                .connect(relaxedTowns)
                .process(new DeviceHealthFunction(townLocation), ACTION).name("device-health").uid("device-health"));
        DataStream<DispatchRequest> dispatches = cameras.getSideOutput(CameraWatchFunction.DISPATCHES)
                .union(sensors.getSideOutput(CameraWatchFunction.DISPATCHES), health.getSideOutput(CameraWatchFunction.DISPATCHES));

        DataStream<DeskInput> deskInputs = relaxed(dispatches.map(DeskInput::of, DESK_INPUT).name("desk-requests").uid("desk-requests"))
                .union(relaxed(others.getSideOutput(EventDecoder.OFFICERS).map(DeskInput::of, DESK_INPUT)
                                .name("desk-officers").uid("desk-officers")),
                        relaxed(others.getSideOutput(EventDecoder.ACKS).map(DeskInput::of, DESK_INPUT).name("desk-acks").uid("desk-acks")),
                        relaxed(operations.map(DeskInput::of, DESK_INPUT).name("desk-operations").uid("desk-operations")),
                        relaxed(health.getSideOutput(DeviceHealthFunction.CLOSES).map(DeskInput::of, DESK_INPUT)
                                .name("desk-back-online").uid("desk-back-online")),
                        relaxed(cameras.getSideOutput(CameraWatchFunction.ZONE_CLOSES).map(DeskInput::of, DESK_INPUT)
                                .name("desk-zone-removed").uid("desk-zone-removed")));
        SingleOutputStreamOperator<DeskInput> routed = relaxed(deskInputs
                .connect(relaxedTowns)
                .process(new RegionRouter(townLocation), DESK_INPUT).name("route-to-region").uid("route-to-region"));
        SingleOutputStreamOperator<Action> assigned = relaxed(routed
                .keyBy(DeskInput::region)
                .connect(relaxedTowns)
                .process(new AssignmentFunction(townLocation, commandIds), ACTION).name("assign-officer").uid("assign-officer-by-region"));

        cameras.union(sensors, health, assigned)
                .map(new ActionCounter()).name("count-decisions").uid("count-decisions")
                .sinkTo(actions).name("action-log").uid("action-log-sink");
    }

    /** {@code operator}'s output edges with the {@link #RELAXED_BUFFER_TIMEOUT_MS}. */
    private static <T> SingleOutputStreamOperator<T> relaxed(SingleOutputStreamOperator<T> operator) {
        return operator.setBufferTimeout(RELAXED_BUFFER_TIMEOUT_MS);
    }
}
