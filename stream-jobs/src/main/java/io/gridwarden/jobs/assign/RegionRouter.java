package io.gridwarden.jobs.assign;

import io.gridwarden.common.town.DispatchRegions;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each assignment input to the dispatch region that decides on it ({@link DispatchRegions}):
 * a dispatch request to its responsible unit's region, an officer's report or a device's ack to the
 * device's region. A dispatcher's action names a violation, not its unit, so it goes to every region
 * and only the one holding the violation acts on it (the others hold nothing under that id).
 *
 * <p>An input is routed by the town in force at its time ({@link TownTimeline}, from the broadcast town
 * versions): an officer a new version adds is routed, and so dispatchable, from then on.
 */
public final class RegionRouter extends BroadcastProcessFunction<DeskInput, TownVersion, DeskInput> {

    private final String townLocation;
    private transient TownTimeline timeline;
    private transient Town town;
    private transient DispatchRegions regions;

    public RegionRouter(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        timeline = new TownTimeline(townLocation);
        town = timeline.initial();
        regions = DispatchRegions.of(town);
    }

    @Override
    public void processElement(DeskInput input, ReadOnlyContext ctx, Collector<DeskInput> out) throws Exception {
        Town inForce = timeline.inForceAt(ctx.getBroadcastState(TownTimeline.VERSIONS), input.time());
        if (inForce != town) {
            town = inForce;
            regions = DispatchRegions.of(town);
        }
        route(regions, input, out);
    }

    @Override
    public void processBroadcastElement(TownVersion version, Context ctx, Collector<DeskInput> out) throws Exception {
        io.gridwarden.jobs.town.TownVersions.keep(version, ctx.getBroadcastState(TownTimeline.VERSIONS), timeline, ctx.currentWatermark());
    }

    static void route(DispatchRegions regions, DeskInput input, Collector<DeskInput> out) {
        if (input.request() != null) {
            out.collect(input.inRegion(regions.ofUnit(input.request().unit())));
        } else if (input.officer() != null) {
            out.collect(input.inRegion(regions.ofDevice(input.officer().officer())));
        } else if (input.ack() != null) {
            out.collect(input.inRegion(regions.ofDevice(input.ack().device())));
        } else {
            for (String region : regions.regions()) {
                out.collect(input.inRegion(region));
            }
        }
    }
}
