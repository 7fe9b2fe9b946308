package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action.OfficerPosition;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.town.DispatchRegions;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.Assignment;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.OfficerState;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import io.gridwarden.jobs.town.TownVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Assignment: dispatch requests, officers' reports, acks and dispatchers' actions, all as
 * {@link DeskInput}s; the decisions are {@link AssignmentDesk}'s.
 *
 * <p><b>Deterministic after replay.</b> Inputs are not acted on when they arrive (their arrival order
 * across the upstream operators differs between runs) but buffered by event time; a timer at each
 * input's time processes, once the watermark has passed it, everything of that instant in
 * {@link DeskInput#ORDER}, then the accept deadlines due. So the same log yields the same decisions.
 *
 * <p>Keyed by dispatch region ({@link DispatchRegions}, routed by {@link RegionRouter}): a region holds
 * every officer that any of its violations may go to, so "nearest available officer, else a neighbour
 * team" sees everybody it must, and a city's regions are decided in parallel. Each region's state is
 * cached in memory (a {@link DeskBook} per region, with a grid per unit; a subtask decides several
 * regions, each on its own book) and written through: changed entries go to the region's keyed state at
 * the end of every timer, so a restore rebuilds each book from its region's state.
 *
 * <p>Each instant is decided by the town in force then ({@link TownTimeline}, from the broadcast town
 * versions, which the watermark has passed with the inputs): officers a new version adds can be sent.
 */
public final class AssignmentFunction extends KeyedBroadcastProcessFunction<String, DeskInput, TownVersion, Action> {

    private final String townLocation;
    private final CommandIds commandIds;
    private transient TownTimeline timeline;
    private transient Town town;
    private transient AssignmentDesk desk;
    /** Each region's book, by region (the key): a subtask decides several regions, never on one another's officers. */
    private transient Map<String, DeskBook> books;
    private transient MapState<Long, List<DeskInput>> pending;
    private transient MapState<String, OfficerState> officers;
    private transient MapState<String, Assignment> assignments;
    private transient MapState<String, String> commands;
    private transient MapState<String, OfficerPosition> shown;

    /** {@code commandIds}: how assignments get their ids (under the deployment's command secret). */
    public AssignmentFunction(String townLocation, CommandIds commandIds) {
        this.townLocation = townLocation;
        this.commandIds = commandIds;
    }

    @Override
    public void open(OpenContext context) {
        timeline = new TownTimeline(townLocation);
        town = timeline.initial();
        desk = new AssignmentDesk(town, commandIds);
        books = new java.util.HashMap<>();
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(DeskInput.class))));
        officers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("officers", Types.STRING, TypeInformation.of(OfficerState.class)));
        assignments = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("assignments", Types.STRING, TypeInformation.of(Assignment.class)));
        commands = getRuntimeContext().getMapState(new MapStateDescriptor<>("commands", Types.STRING, Types.STRING));
        shown = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("shown-officers", Types.STRING, TypeInformation.of(OfficerPosition.class)));
    }

    @Override
    public void processElement(DeskInput input, ReadOnlyContext ctx, Collector<Action> out) throws Exception {
        List<DeskInput> atTime = pending.get(input.time());
        List<DeskInput> next = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        next.add(input);
        pending.put(input.time(), next);
        ctx.timerService().registerEventTimeTimer(input.time()); // a late input's timer fires at the next watermark
    }

    @Override
    public void processBroadcastElement(TownVersion version, Context ctx, Collector<Action> out) throws Exception {
        TownVersions.keep(version, ctx.getBroadcastState(TownTimeline.VERSIONS), timeline, ctx.currentWatermark());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Action> out) throws Exception {
        Town inForce = timeline.inForceAt(ctx.getBroadcastState(TownTimeline.VERSIONS), timestamp);
        if (inForce != town) {
            town = inForce;
            desk = new AssignmentDesk(town, commandIds);
        }
        DeskBook current = book(ctx.getCurrentKey());
        List<DeskInput> inputs = new ArrayList<>(pendingUpTo(timestamp));
        inputs.sort(DeskInput.ORDER);
        for (DeskInput input : inputs) {
            desk.apply(current, input).forEach(out::collect);
        }
        desk.settle(current, timestamp).forEach(out::collect);
        flush(current, ctx);
    }

    /** Inputs of {@code timestamp} and any earlier ones left (late inputs whose timers fire now). */
    private List<DeskInput> pendingUpTo(long timestamp) throws Exception {
        List<DeskInput> due = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (Map.Entry<Long, List<DeskInput>> entry : pending.entries()) {
            if (entry.getKey() <= timestamp) {
                due.addAll(entry.getValue());
                times.add(entry.getKey());
            }
        }
        for (Long t : times) {
            pending.remove(t);
        }
        return due;
    }

    /** The region's book, read from its keyed state the first time. */
    private DeskBook book(String region) throws Exception {
        DeskBook book = books.get(region);
        if (book == null) {
            book = new DeskBook();
            for (OfficerState o : officers.values()) {
                book.restore(o);
            }
            for (Assignment a : assignments.values()) {
                book.restore(a);
            }
            for (Map.Entry<String, String> c : commands.entries()) {
                book.restoreCommand(c.getKey(), c.getValue());
            }
            for (OfficerPosition p : shown.values()) {
                book.restore(p);
            }
            books.put(region, book);
        }
        return book;
    }

    /** Writes what changed back to keyed state and sets a timer at every changed assignment's deadline. */
    private void flush(DeskBook current, OnTimerContext ctx) throws Exception {
        for (String id : current.changedOfficers()) {
            officers.put(id, current.officer(id).orElseThrow());
        }
        for (String id : current.changedAssignments()) {
            var a = current.assignment(id);
            if (a.isPresent()) {
                assignments.put(id, a.get());
                if (a.get().deadline() >= 0) {
                    ctx.timerService().registerEventTimeTimer(a.get().deadline());
                }
            } else {
                assignments.remove(id);
            }
        }
        for (String command : current.changedCommands()) {
            String violation = current.commandIndex().get(command);
            if (violation == null) {
                commands.remove(command);
            } else {
                commands.put(command, violation);
            }
        }
        for (String id : current.changedShown()) {
            shown.put(id, current.shown(id).orElseThrow());
        }
        current.clearChanges();
    }
}
