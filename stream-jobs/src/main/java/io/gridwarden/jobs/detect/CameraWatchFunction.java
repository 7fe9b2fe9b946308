package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
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
 *
 * <p><b>Deterministic after replay.</b> Frames and notices are not applied when they arrive but held
 * by event time ({@link HeldInputs}) until the watermark passes them, then applied in time order
 * (frames of one instant before its notices) before the checks due at that instant. A decision at
 * {@code t} so sees exactly the frames up to {@code t}, not however many frames the source happened to
 * read ahead of the watermark: after a failover the replayed log yields the same violations with the
 * same evidence, so an action id never comes back with different contents. Frames later than the
 * watermark when they arrive are applied at the next watermark.
 */
public final class CameraWatchFunction extends KeyedCoProcessFunction<String, CameraFrame, CameraNotice, Action> {

    public static final OutputTag<DispatchRequest> DISPATCHES =
            new OutputTag<>("dispatch-requests", TypeInformation.of(DispatchRequest.class));
    /** Tracks kept in memory over the keyed state, all cameras of a subtask together (a few hundred bytes each). */
    public static final int DEFAULT_CACHED_TRACKS = 50_000;

    private final String townLocation;
    private final Duration absenceTimeout;
    private final int cachedTracks;
    private final CommandIds commandIds;
    private transient Town town;
    private transient DwellTracker tracker;
    private transient Map<String, CameraWatch> watches;
    private transient MapState<String, TrackState> tracks;
    private transient HeldInputs<CameraFrame> heldFrames;
    private transient HeldInputs<CameraNotice> heldNotices;
    private transient TrackCache cache;

    /** {@code commandIds}: how voice warnings get their ids (under the deployment's command secret). */
    public CameraWatchFunction(String townLocation, Duration absenceTimeout, CommandIds commandIds) {
        this(townLocation, absenceTimeout, DEFAULT_CACHED_TRACKS, commandIds);
    }

    /** {@code cachedTracks}: how many tracks to keep in memory over the keyed state (see {@link TrackCache}). */
    public CameraWatchFunction(String townLocation, Duration absenceTimeout, int cachedTracks, CommandIds commandIds) {
        this.townLocation = townLocation;
        this.absenceTimeout = absenceTimeout;
        this.cachedTracks = cachedTracks;
        this.commandIds = commandIds;
    }

    @Override
    public void open(OpenContext context) {
        town = Town.load(townLocation);
        tracker = new DwellTracker(absenceTimeout);
        watches = new HashMap<>();
        tracks = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("tracks", Types.STRING, TypeInformation.of(TrackState.class)));
        heldFrames = new HeldInputs<>(getRuntimeContext().getMapState(
                new MapStateDescriptor<>("held-frames", Types.LONG, Types.LIST(TypeInformation.of(CameraFrame.class)))));
        heldNotices = new HeldInputs<>(getRuntimeContext().getMapState(
                new MapStateDescriptor<>("held-notices", Types.LONG, Types.LIST(TypeInformation.of(CameraNotice.class)))));
        // Empty on every open: after a restore, a failover or a rescale the keyed state is the truth.
        cache = new TrackCache(cachedTracks);
    }

    @Override
    public void processElement1(CameraFrame frame, Context ctx, Collector<Action> out) throws Exception {
        heldFrames.hold(frame.time(), frame, ctx.timerService());
    }

    /**
     * A dispatcher's action on a violation of this camera, or a failed voice warning: held like frames
     * and applied at its time ({@link #onTimer}).
     */
    @Override
    public void processElement2(CameraNotice notice, Context ctx, Collector<Action> out) throws Exception {
        heldNotices.hold(notice.time(), notice, ctx.timerService());
    }

    /** Applies the frames and notices of {@code timestamp}, then does the checks due then. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        String camera = ctx.getCurrentKey();
        CameraTracks current = load(camera);
        CameraWatch watch = watch(camera);
        Set<Long> timers = new TreeSet<>();
        for (CameraFrame frame : heldFrames.take(timestamp)) {
            timers.addAll(watch.onFrame(current, frame));
        }
        for (CameraNotice notice : heldNotices.take(timestamp, CameraNotice.ORDER)) {
            apply(watch, current, notice, ctx, out);
        }
        CameraWatch.Outcome outcome = watch.onTime(current, timestamp);
        store(camera, current);
        outcome.actions().forEach(out::collect);
        outcome.dispatches().forEach(request -> ctx.output(DISPATCHES, request));
        timers.addAll(outcome.timers());
        timers.forEach(ctx.timerService()::registerEventTimeTimer);
    }

    /**
     * A close forgets its track (see {@link CameraWatch#close}); an assignment dispatches a violation
     * still in its grace period to the chosen officer (one already dispatched is reassigned by
     * assignment). A failed voice warning dispatches its violation at once or notes it
     * ({@link CameraWatch#warningFailed}).
     */
    private static void apply(CameraWatch watch, CameraTracks current, CameraNotice notice, OnTimerContext ctx, Collector<Action> out) {
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

    private CameraWatch watch(String camera) {
        return watches.computeIfAbsent(camera, c -> new CameraWatch(town.zoneRules(c), tracker, town.timezone(), commandIds,
                town.offlineAfter(c).orElse(null)));
    }

    /** The camera's tracks from the cache, else read once from the keyed state. */
    private CameraTracks load(String camera) throws Exception {
        CameraTracks cached = cache.get(camera);
        if (cached != null) {
            return cached;
        }
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
