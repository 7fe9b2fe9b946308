package io.gridwarden.jobs.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/**
 * A keyed function's inputs held in keyed state by event time until the watermark passes them, so
 * that it applies them in the order of their times whatever order they arrived in and however far
 * the source read ahead of the watermark. Each held instant has an event-time timer; the function
 * takes that instant's inputs in its {@code onTimer}. An input already behind the watermark fires
 * at the next watermark.
 *
 * <p>Inputs of one instant stay in arrival order (one upstream channel replays in log order); inputs
 * from several channels are put in an order of their own by {@link #take(long, Comparator)}.
 */
final class HeldInputs<T> {

    private final MapState<Long, List<T>> held;

    HeldInputs(MapState<Long, List<T>> held) {
        this.held = held;
    }

    void hold(long time, T input, TimerService timers) throws Exception {
        List<T> atTime = held.get(time);
        List<T> next = atTime == null ? new ArrayList<>(1) : new ArrayList<>(atTime);
        next.add(input);
        held.put(time, next);
        timers.registerEventTimeTimer(time);
    }

    /** The inputs held for {@code time}, in arrival order, no longer held. */
    List<T> take(long time) throws Exception {
        List<T> atTime = held.get(time);
        if (atTime == null) {
            return List.of();
        }
        held.remove(time);
        return atTime;
    }

    /** The inputs held for {@code time} in {@code order}, no longer held. */
    List<T> take(long time, Comparator<? super T> order) throws Exception {
        List<T> atTime = take(time);
        if (atTime.size() < 2) {
            return atTime;
        }
        List<T> sorted = new ArrayList<>(atTime);
        sorted.sort(order);
        return sorted;
    }
}
