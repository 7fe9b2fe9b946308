package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OfficerState;
import io.gridwarden.jobs.model.OfficerUpdate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Assignment: dispatch requests on one input, officers' reports on the other; the decisions are
 * {@link AssignmentDesk}'s.
 *
 * <p>Both inputs are keyed by the one constant {@link #ALL}: every officer and every waiting request
 * sit in one key's state, so "nearest available officer, else a neighbour team" sees everybody. That
 * is one subtask's work, which is right at the scale of a town (tens of officers, a few requests a
 * minute); a county-scale deployment would key by jurisdiction cluster instead.
 */
public final class AssignmentFunction extends KeyedCoProcessFunction<String, DispatchRequest, OfficerUpdate, Action> {

    /** The single key of the assignment operator. */
    public static final String ALL = "all";

    private final String townLocation;
    private transient AssignmentDesk desk;
    private transient MapState<String, OfficerState> officers;
    private transient MapState<String, DispatchRequest> waiting;

    public AssignmentFunction(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        desk = new AssignmentDesk(Town.load(townLocation));
        officers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("officers", Types.STRING, TypeInformation.of(OfficerState.class)));
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("waiting", Types.STRING, TypeInformation.of(DispatchRequest.class)));
    }

    @Override
    public void processElement1(DispatchRequest request, Context ctx, Collector<Action> out) throws Exception {
        Map<String, OfficerState> team = copy(officers);
        Map<String, DispatchRequest> queue = copy(waiting);
        List<Action> actions = desk.request(request, team, queue);
        save(team, queue);
        actions.forEach(out::collect);
    }

    @Override
    public void processElement2(OfficerUpdate update, Context ctx, Collector<Action> out) throws Exception {
        Map<String, OfficerState> team = copy(officers);
        OfficerState known = team.get(update.officer());
        if (known != null && known.updatedAt() > update.time()) {
            return; // an older report arriving late must not overwrite a newer one
        }
        team.put(update.officer(), OfficerState.of(update));
        Map<String, DispatchRequest> queue = copy(waiting);
        List<Action> actions = desk.retryWaiting(team, queue, update.time());
        save(team, queue);
        actions.forEach(out::collect);
    }

    private static <V> Map<String, V> copy(MapState<String, V> state) throws Exception {
        Map<String, V> copy = new HashMap<>();
        for (Map.Entry<String, V> entry : state.entries()) {
            copy.put(entry.getKey(), entry.getValue());
        }
        return copy;
    }

    private void save(Map<String, OfficerState> team, Map<String, DispatchRequest> queue) throws Exception {
        officers.putAll(team);
        waiting.clear();
        waiting.putAll(queue);
    }
}
