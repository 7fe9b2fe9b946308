package io.gridwarden.jobs.sensor;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Sensor;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.model.SensorInput;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import io.gridwarden.jobs.town.TownVersions;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Threshold detection for one sensor (the key): its run as keyed state, a timer at the dwell's end
 * (the log's ticks make it fire even when the sensor goes quiet); the decisions are {@link SensorWatch}'s.
 * Requests for an officer go to {@link CameraWatchFunction#DISPATCHES}, like a camera's.
 *
 * <p>Readings and dispatchers' actions come as {@link SensorInput}s on the keyed input; the broadcast input
 * carries new town versions ({@link TownTimeline}): each input and timer is judged by the town in force at
 * its time, so a changed threshold or dwell applies from the version on, and a sensor a version removes is
 * forgotten.
 */
public final class SensorWatchFunction extends KeyedBroadcastProcessFunction<String, SensorInput, TownVersion, Action> {

    private final String townLocation;
    private transient TownTimeline timeline;
    private transient Town town;
    private transient Map<String, SensorWatch> watches;
    private transient ValueState<SensorState> run;

    public SensorWatchFunction(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        timeline = new TownTimeline(townLocation);
        town = timeline.initial();
        watches = watches(town);
        run = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor-run", TypeInformation.of(SensorState.class)));
    }

    @Override
    public void processElement(SensorInput input, ReadOnlyContext ctx, Collector<Action> out) throws Exception {
        SensorWatch watch = watchAt(input.time(), ctx);
        if (watch == null) {
            return;
        }
        if (input.reading() != null) {
            apply(watch.onReading(run.value(), input.reading()), ctx, out);
        } else if (input.operation().close() && watch.close(run.value(), input.operation().violation()) == null) {
            run.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        SensorWatch watch = watchAt(timestamp, ctx);
        if (watch != null) {
            apply(watch.onTime(run.value(), timestamp), ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(TownVersion version, Context ctx, Collector<Action> out) throws Exception {
        TownVersions.keep(version, ctx.getBroadcastState(TownTimeline.VERSIONS), timeline, ctx.currentWatermark());
    }

    /**
     * The current sensor's watch under the town in force at {@code time}; null (its run forgotten) when that
     * version has no such sensor.
     */
    private SensorWatch watchAt(long time, ReadOnlyContext ctx) throws Exception {
        Town inForce = timeline.inForceAt(ctx.getBroadcastState(TownTimeline.VERSIONS), time);
        if (inForce != town) {
            town = inForce;
            watches = watches(town);
        }
        SensorWatch watch = watches.get(ctx.getCurrentKey());
        if (watch == null) {
            run.clear();
        }
        return watch;
    }

    private static Map<String, SensorWatch> watches(Town town) {
        return town.sensors().stream().collect(Collectors.toMap(Sensor::id, s -> new SensorWatch(SensorRule.of(town, s)), (a, b) -> a));
    }

    private void apply(SensorWatch.Step step, ReadOnlyContext ctx, Collector<Action> out) throws Exception {
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
