package io.gridwarden.jobs.sensor;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Sensor;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.SensorReading;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Threshold detection for one sensor (the key): its run as keyed state, a timer at the dwell's end
 * (the log's ticks make it fire even when the sensor goes quiet); the decisions are {@link SensorWatch}'s.
 * Requests for an officer go to {@link CameraWatchFunction#DISPATCHES}, like a camera's.
 */
public final class SensorWatchFunction extends KeyedCoProcessFunction<String, SensorReading, OperatorAction, Action> {

    private final String townLocation;
    private transient Map<String, SensorWatch> watches;
    private transient ValueState<SensorState> run;

    public SensorWatchFunction(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        Town town = Town.load(townLocation);
        watches = town.sensors().stream().collect(Collectors.toMap(Sensor::id, s -> new SensorWatch(SensorRule.of(town, s)), (a, b) -> a));
        run = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor-run", TypeInformation.of(SensorState.class)));
    }

    @Override
    public void processElement1(SensorReading reading, Context ctx, Collector<Action> out) throws Exception {
        SensorWatch watch = watches.get(ctx.getCurrentKey());
        if (watch != null) {
            apply(watch.onReading(run.value(), reading), ctx, out);
        }
    }

    @Override
    public void processElement2(OperatorAction action, Context ctx, Collector<Action> out) throws Exception {
        SensorWatch watch = watches.get(ctx.getCurrentKey());
        if (watch != null && action.close()) {
            SensorState next = watch.close(run.value(), action.violation());
            if (next == null) {
                run.clear();
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        SensorWatch watch = watches.get(ctx.getCurrentKey());
        if (watch != null) {
            apply(watch.onTime(run.value(), timestamp), ctx, out);
        }
    }

    private void apply(SensorWatch.Step step, Context ctx, Collector<Action> out) throws Exception {
        if (step.state() == null) {
            run.clear();
        } else {
            run.update(step.state());
        }
        step.actions().forEach(out::collect);
        if (step.dispatch() != null) {
            ctx.output(CameraWatchFunction.DISPATCHES, step.dispatch());
        }
        if (step.timer() >= 0) {
            ctx.timerService().registerEventTimeTimer(step.timer());
        }
    }
}
