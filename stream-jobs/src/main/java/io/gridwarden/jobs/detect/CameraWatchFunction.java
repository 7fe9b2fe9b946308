package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * keyed by the violation's camera, so that closing a violation forgets its track.
 */
public final class CameraWatchFunction extends KeyedCoProcessFunction<String, CameraFrame, OperatorAction, Action> {

    public static final OutputTag<DispatchRequest> DISPATCHES =
            new OutputTag<>("dispatch-requests", TypeInformation.of(DispatchRequest.class));

    private final String townLocation;
    private final Duration absenceTimeout;
    private transient Town town;
    private transient DwellTracker tracker;
    private transient Map<String, CameraWatch> watches;
    private transient MapState<String, TrackState> tracks;

    public CameraWatchFunction(String townLocation, Duration absenceTimeout) {
        this.townLocation = townLocation;
        this.absenceTimeout = absenceTimeout;
    }

    @Override
    public void open(OpenContext context) {
        town = Town.load(townLocation);
        tracker = new DwellTracker(absenceTimeout);
        watches = new HashMap<>();
        tracks = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("tracks", Types.STRING, TypeInformation.of(TrackState.class)));
    }

    @Override
    public void processElement1(CameraFrame frame, Context ctx, Collector<Action> out) throws Exception {
        Map<String, TrackState> current = load();
        Map<String, TrackState> before = Map.copyOf(current);
        Set<Long> timers = watch(ctx.getCurrentKey()).onFrame(current, frame);
        store(before, current);
        timers.forEach(ctx.timerService()::registerEventTimeTimer);
    }

    /**
     * A dispatcher's action on a violation of this camera: a close forgets its track (see
     * {@link CameraWatch#close}); an assignment dispatches a violation still in its grace period to the
     * chosen officer (one already dispatched is reassigned by assignment).
     */
    @Override
    public void processElement2(OperatorAction action, Context ctx, Collector<Action> out) throws Exception {
        Map<String, TrackState> current = load();
        Map<String, TrackState> before = Map.copyOf(current);
        CameraWatch watch = watch(ctx.getCurrentKey());
        if (action.close()) {
            watch.close(current, action.violation(), action.time(), action.reason()).forEach(out::collect);
        } else {
            CameraWatch.Outcome outcome = watch.assignByHand(current, action.violation(), action.time(), action.officer(), action.operator());
            outcome.actions().forEach(out::collect);
            outcome.dispatches().forEach(request -> ctx.output(DISPATCHES, request));
        }
        store(before, current);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        Map<String, TrackState> current = load();
        Map<String, TrackState> before = Map.copyOf(current);
        CameraWatch.Outcome outcome = watch(ctx.getCurrentKey()).onTime(current, timestamp);
        store(before, current);
        outcome.actions().forEach(out::collect);
        outcome.dispatches().forEach(request -> ctx.output(DISPATCHES, request));
        outcome.timers().forEach(ctx.timerService()::registerEventTimeTimer);
    }

    private CameraWatch watch(String camera) {
        return watches.computeIfAbsent(camera, c -> new CameraWatch(town.zoneRules(c), tracker, town.timezone()));
    }

    private Map<String, TrackState> load() throws Exception {
        Map<String, TrackState> current = new HashMap<>();
        for (Map.Entry<String, TrackState> entry : tracks.entries()) {
            current.put(entry.getKey(), entry.getValue());
        }
        return current;
    }

    /** Writes back only what changed, so a frame that changes nothing costs no state writes. */
    private void store(Map<String, TrackState> before, Map<String, TrackState> after) throws Exception {
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                tracks.remove(key);
            }
        }
        for (Map.Entry<String, TrackState> entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                tracks.put(entry.getKey(), entry.getValue());
            }
        }
    }
}
