package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.metrics.ExportedName;
import io.gridwarden.jobs.model.CameraInput;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.model.TrackState;
import io.gridwarden.jobs.town.TownTimeline;
import io.gridwarden.jobs.town.TownVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Detection and escalation for one camera (the key): holds the camera's tracks as keyed state and
 * sets event-time timers at their due times; the decisions are {@link CameraWatch}'s.
 *
 * <p>Keyed by camera because a frame lists every object the camera sees: only with the whole frame
 * can an object's absence be known. Violation updates and voice warnings go to the main output;
 * requests for an officer go to {@link #DISPATCHES}. The second input carries dispatchers' actions
 * keyed by the violation's camera, so that closing a violation forgets its track, and failed voice
 * warnings keyed by their camera ({@link WarningAcks}), so that a warning that did not play is no warning.
 * Both come as {@link CameraInput}s on the keyed input.
 *
 * <p><b>Deterministic after replay.</b> Frames and notices are not applied when they arrive but held
 * by event time ({@link HeldInputs}) until the watermark passes them, then applied in time order
 * (frames of one instant before its notices) before the checks due at that instant. A decision at
 * {@code t} so sees exactly the frames up to {@code t}, not however many frames the source happened to
 * read ahead of the watermark: after a failover the replayed log yields the same violations with the
 * same evidence, so an action id never comes back with different contents. Frames later than the
 * watermark when they arrive are applied at the next watermark. A town version reaches this operator
 * before the watermark passes its time, so every held input is judged by the version in force at it.
 *
 * <p>The broadcast input carries new town versions ({@link TownTimeline}): each frame, notice and timer is
 * judged by the town in force at its own event time; tracks and violations in zones that remain survive,
 * those of a removed zone are closed ({@link RemovedZones}; the ones with assignment go to {@link #ZONE_CLOSES}).
 */
public final class CameraWatchFunction extends KeyedBroadcastProcessFunction<String, CameraInput, TownVersion, Action>
        implements CheckpointedFunction {

    public static final OutputTag<DispatchRequest> DISPATCHES =
            new OutputTag<>("dispatch-requests", TypeInformation.of(DispatchRequest.class));
    /** Closes of dispatched violations whose zone a new town version removed, for assignment. */
    public static final OutputTag<OperatorAction> ZONE_CLOSES = new OutputTag<>("zone-removed-closes", TypeInformation.of(OperatorAction.class));
    private static final MapStateDescriptor<String, TrackState> TRACKS =
            new MapStateDescriptor<>("tracks", Types.STRING, TypeInformation.of(TrackState.class));
    /** Tracks kept in memory over the keyed state, all cameras of a subtask together (a few hundred bytes each). */
    public static final int DEFAULT_CACHED_TRACKS = 50_000;

    private final String townLocation;
    private final Duration absenceTimeout;
    private final int cachedTracks;
    private final CommandIds commandIds;
    private transient TownTimeline timeline;
    private transient Town town;
    private transient DwellTracker tracker;
    private transient Map<String, CameraWatch> watches;
    private transient MapState<String, TrackState> tracks;
    private final int heldCapacity;
    private transient HeldInputs held;
    private transient TrackCache cache;
    private transient Counter cacheHits;
    private transient Counter cacheMisses;

    /** {@code commandIds}: how voice warnings get their ids (under the deployment's command secret). */
    public CameraWatchFunction(String townLocation, Duration absenceTimeout, CommandIds commandIds) {
        this(townLocation, absenceTimeout, DEFAULT_CACHED_TRACKS, commandIds);
    }

    /** {@code cachedTracks}: how many tracks to keep in memory over the keyed state (see {@link TrackCache}). */
    public CameraWatchFunction(String townLocation, Duration absenceTimeout, int cachedTracks, CommandIds commandIds) {
        this(townLocation, absenceTimeout, cachedTracks, HeldInputs.DEFAULT_CAPACITY, commandIds);
    }

    /** {@code heldCapacity}: how many held inputs to keep on the heap before spilling (see {@link HeldInputs}). */
    public CameraWatchFunction(String townLocation, Duration absenceTimeout, int cachedTracks, int heldCapacity, CommandIds commandIds) {
        this.townLocation = townLocation;
        this.absenceTimeout = absenceTimeout;
        this.cachedTracks = cachedTracks;
        this.heldCapacity = heldCapacity;
        this.commandIds = commandIds;
    }

    /** The held inputs of the checkpoint restored from, those of the cameras this subtask owns. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        held = new HeldInputs(heldCapacity);
        held.restore(context, getRuntimeContext());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        held.snapshot();
    }

    @Override
    public void open(OpenContext context) {
        timeline = new TownTimeline(townLocation);
        town = timeline.initial();
        tracker = new DwellTracker(absenceTimeout);
        watches = new HashMap<>();
        tracks = getRuntimeContext().getMapState(TRACKS);
        held.use(getRuntimeContext().getMapState(HeldInputs.spilledState()));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(ExportedName.GROUP);
        metrics.gauge("heldInputs", (Gauge<Long>) held::weight); // waiting for the watermark, on the heap
        metrics.gauge("heldSpillingCameras", (Gauge<Integer>) held::spillingCameras); // more than the heap takes: a stalled watermark
        // Empty on every open: after a restore, a failover or a rescale the keyed state is the truth.
        cache = new TrackCache(cachedTracks);
        // How often a camera's tracks were in memory, and how many are: what sizes the cache for a city.
        cacheHits = metrics.counter("trackCacheHits");
        cacheMisses = metrics.counter("trackCacheMisses");
        metrics.gauge("cachedTracks", (Gauge<Long>) cache::weight);
    }

    /** A frame or notice: held until the watermark passes its time ({@link #onTimer}). */
    @Override
    public void processElement(CameraInput input, ReadOnlyContext ctx, Collector<Action> out) throws Exception {
        long time = input.frame() != null ? input.frame().time() : input.notice().time();
        held.hold(ctx.getCurrentKey(), time, input);
        ctx.timerService().registerEventTimeTimer(time);
    }

    /**
     * A dispatcher's action on a violation of this camera: a close forgets its track (see
     * {@link CameraWatch#close}); an assignment dispatches a violation still in its grace period to the
     * chosen officer (one already dispatched is reassigned by assignment). A failed voice warning
     * dispatches its violation at once or notes it ({@link CameraWatch#warningFailed}).
     */
    private static void onNotice(CameraWatch watch, CameraTracks current, CameraNotice notice, OnTimerContext ctx, Collector<Action> out) {
        OperatorAction action = notice.operation();
        if (action == null) {
            var failure = notice.failure();
            CameraWatch.Outcome outcome = watch.warningFailed(current, failure.command(), failure.time(), failure.note());
            outcome.actions().forEach(out::collect);
            outcome.dispatches().forEach(request -> ctx.output(DISPATCHES, request));
        } else if (action.close()) {
            watch.close(current, action.violation(), action.time(), action.reason()).forEach(out::collect);
        } else {
            CameraWatch.Outcome outcome = watch.assignByHand(current, action.violation(), action.time(), action.officer(), action.operator());
            outcome.actions().forEach(out::collect);
            outcome.dispatches().forEach(request -> ctx.output(DISPATCHES, request));
        }
    }

    /**
     * A new town version: kept in the broadcast state (so a restore knows it) and, from its time on,
     * the rules; every camera's tracks in a zone it removed are forgotten and their violations closed.
     */
    @Override
    public void processBroadcastElement(TownVersion version, Context ctx, Collector<Action> out) throws Exception {
        if (!TownVersions.keep(version, ctx.getBroadcastState(TownTimeline.VERSIONS), timeline, ctx.currentWatermark())) {
            return;
        }
        Town next = timeline.at(version.effectiveAt());
        ctx.applyToKeyedState(TRACKS, (camera, state) -> {
            Set<String> zones = next.zoneRules(camera).stream().map(ZoneRule::zone).collect(Collectors.toSet());
            RemovedZones.Outcome removed = RemovedZones.of(camera, state.values(), zones, version.effectiveAt(), version.version());
            for (String key : removed.forgotten()) {
                state.remove(key);
            }
            removed.actions().forEach(out::collect);
            removed.closes().forEach(close -> ctx.output(ZONE_CLOSES, close));
        });
        cache = new TrackCache(cachedTracks); // the keyed state is the truth again
    }

    /** Applies the frames and notices of {@code timestamp}, by the town then in force, then does the checks due then. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        useTownAt(timestamp, ctx);
        String camera = ctx.getCurrentKey();
        CameraTracks current = load(camera);
        CameraWatch watch = watch(camera);
        Set<Long> timers = new TreeSet<>();
        List<CameraNotice> notices = new ArrayList<>();
        for (CameraInput input : held.take(camera, timestamp)) {
            if (input.frame() != null) {
                timers.addAll(watch.onFrame(current, input.frame()));
            } else {
                notices.add(input.notice());
            }
        }
        notices.sort(CameraNotice.ORDER); // they come from several upstream operators: an order of their own
        for (CameraNotice notice : notices) {
            onNotice(watch, current, notice, ctx, out);
        }
        CameraWatch.Outcome outcome = watch.onTime(current, timestamp);
        store(camera, current);
        outcome.actions().forEach(out::collect);
        outcome.dispatches().forEach(request -> ctx.output(DISPATCHES, request));
        timers.addAll(outcome.timers());
        timers.forEach(ctx.timerService()::registerEventTimeTimer);
    }

    /**
     * Judges by the town in force at {@code time}: on a switch the cached watches (rules) and tracks
     * (indexed by the old rules) are dropped and rebuilt from the keyed state.
     */
    private void useTownAt(long time, ReadOnlyContext ctx) throws Exception {
        Town inForce = timeline.inForceAt(ctx.getBroadcastState(TownTimeline.VERSIONS), time);
        if (inForce != town) {
            town = inForce;
            watches.clear();
            cache = new TrackCache(cachedTracks);
        }
    }

    private CameraWatch watch(String camera) {
        return watches.computeIfAbsent(camera, c -> new CameraWatch(town.zoneRules(c), tracker, town.timezone(), commandIds,
                town.offlineAfter(c).orElse(null)));
    }

    /** The camera's tracks from the cache, else read once from the keyed state. */
    private CameraTracks load(String camera) throws Exception {
        CameraTracks cached = cache.get(camera);
        if (cached != null) {
            cacheHits.inc();
            return cached;
        }
        cacheMisses.inc();
        CameraTracks loaded = CameraTracks.recordingChanges();
        watch(camera).restore(loaded, tracks.values());
        cache.put(camera, loaded);
        return loaded;
    }

    /** Writes through only the tracks that changed, so the keyed state is the truth at every checkpoint. */
    private void store(String camera, CameraTracks current) throws Exception {
        for (String key : current.takeChanges()) {
            TrackState track = current.get(key);
            if (track == null) {
                tracks.remove(key);
            } else {
                tracks.put(key, track);
            }
        }
        cache.used(camera);
    }
}
