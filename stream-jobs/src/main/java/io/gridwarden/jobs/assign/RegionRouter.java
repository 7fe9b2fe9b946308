package io.gridwarden.jobs.assign;

import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.DeskInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each assignment input to the dispatch region that decides on it ({@link DispatchRegions}):
 * a dispatch request to its responsible unit's region, an officer's report or a device's ack to the
 * device's region. A dispatcher's action names a violation, not its unit, so it goes to every region
 * and only the one holding the violation acts on it (the others hold nothing under that id).
 */
public final class RegionRouter extends RichFlatMapFunction<DeskInput, DeskInput> {

    private final String townLocation;
    private transient DispatchRegions regions;

    public RegionRouter(String townLocation) {
        this.townLocation = townLocation;
    }

    @Override
    public void open(OpenContext context) {
        regions = DispatchRegions.of(Town.load(townLocation));
    }

    @Override
    public void flatMap(DeskInput input, Collector<DeskInput> out) {
        route(regions, input, out);
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
