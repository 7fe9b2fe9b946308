package io.gridwarden.jobs.health;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.model.DeviceHealthState;
import io.gridwarden.jobs.model.DeviceHeard;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import io.gridwarden.jobs.town.TownVersions;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Liveness of one camera or sensor (the key): when it was last heard as keyed state, one event-time
 * timer at its offline deadline (the log's ticks make it fire while the device is quiet); the decisions
 * are {@link DeviceHealth}'s. Violation updates go to the main output, requests for a maintenance officer
 * to {@link CameraWatchFunction#DISPATCHES}, closes of offline violations to {@link #CLOSES} (for assignment).
 *
 * <p>Each event and deadline is judged by the town in force at its time ({@link TownTimeline}, from the
 * broadcast town versions): a changed offline threshold applies from the version on; a device a version
 * no longer watches (removed, or without a threshold) is forgotten at its next event or deadline.
 */
public final class DeviceHealthFunction extends KeyedBroadcastProcessFunction<String, DeviceHeard, TownVersion, Action> {

    public static final OutputTag<OperatorAction> CLOSES = new OutputTag<>("device-back-online", TypeInformation.of(OperatorAction.class));

    private final String townLocation;
    private transient TownTimeline timeline;
    private transient Town town;
    private transient DeviceHealth health;
    private transient ValueState<DeviceHealthState> state;

    public DeviceHealthFunction(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        timeline = new TownTimeline(townLocation);
        town = timeline.initial();
        health = new DeviceHealth(town);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("device-health", TypeInformation.of(DeviceHealthState.class)));
    }

    @Override
    public void processElement(DeviceHeard heard, ReadOnlyContext ctx, Collector<Action> out) throws Exception {
        if (watchedAt(heard.time(), ctx)) {
            apply(health.heard(heard.device(), state.value(), heard.time()), ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        if (watchedAt(timestamp, ctx)) {
            apply(health.due(ctx.getCurrentKey(), state.value(), timestamp, ctx.timerService().currentWatermark()), ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(TownVersion version, Context ctx, Collector<Action> out) throws Exception {
        TownVersions.keep(version, ctx.getBroadcastState(TownTimeline.VERSIONS), timeline, ctx.currentWatermark());
    }

    /**
     * Whether the town in force at {@code time} watches the current device (it has an offline threshold);
     * when it no longer does, its state is forgotten. Switches the rules when a new version is in force.
     */
    private boolean watchedAt(long time, ReadOnlyContext ctx) throws Exception {
        Town inForce = timeline.inForceAt(ctx.getBroadcastState(TownTimeline.VERSIONS), time);
        if (inForce != town) {
            town = inForce;
            health = new DeviceHealth(town);
        }
        if (town.offlineAfter(ctx.getCurrentKey()).isPresent()) {
            return true;
        }
        state.clear();
        return false;
    }

    private void apply(DeviceHealth.Step step, ReadOnlyContext ctx, Collector<Action> out) throws Exception {
        state.update(step.state());
        step.actions().forEach(out::collect);
        if (step.dispatch() != null) {
            ctx.output(CameraWatchFunction.DISPATCHES, step.dispatch());
        }
        if (step.close() != null) {
            ctx.output(CLOSES, step.close());
        }
        if (step.timer() >= 0) {
            ctx.timerService().registerEventTimeTimer(step.timer());
        }
    }
}
