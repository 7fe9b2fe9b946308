package io.gridwarden.jobs.health;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.model.DeviceHealthState;
import io.gridwarden.jobs.model.DeviceHeard;
import io.gridwarden.jobs.model.OperatorAction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Liveness of one camera or sensor (the key): when it was last heard as keyed state, one event-time
 * timer at its offline deadline (the log's ticks make it fire while the device is quiet); the decisions
 * are {@link DeviceHealth}'s. Violation updates go to the main output, requests for a maintenance officer
 * to {@link CameraWatchFunction#DISPATCHES}, closes of offline violations to {@link #CLOSES} (for assignment).
 */
public final class DeviceHealthFunction extends KeyedProcessFunction<String, DeviceHeard, Action> {

    public static final OutputTag<OperatorAction> CLOSES = new OutputTag<>("device-back-online", TypeInformation.of(OperatorAction.class));

    private final String townLocation;
    private transient DeviceHealth health;
    private transient ValueState<DeviceHealthState> state;

    public DeviceHealthFunction(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        health = new DeviceHealth(Town.load(townLocation));
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("device-health", TypeInformation.of(DeviceHealthState.class)));
    }

    @Override
    public void processElement(DeviceHeard heard, Context ctx, Collector<Action> out) throws Exception {
        apply(health.heard(heard.device(), state.value(), heard.time()), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        apply(health.due(ctx.getCurrentKey(), state.value(), timestamp, ctx.timerService().currentWatermark()), ctx, out);
    }

    private void apply(DeviceHealth.Step step, Context ctx, Collector<Action> out) throws Exception {
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
