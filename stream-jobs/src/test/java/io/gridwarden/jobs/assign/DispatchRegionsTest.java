package io.gridwarden.jobs.assign;

import static io.gridwarden.jobs.JobFixtures.dispatchRequest;
import static io.gridwarden.jobs.JobFixtures.town;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.DispatchRegions;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.OfficerUpdate;
import io.gridwarden.jobs.model.OperatorAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class DispatchRegionsTest {

    @Test
    void shouldKeepTheDemoTownsFourTeamsTogetherAndTheWaterBureauAndMaintenanceApart() {
        DispatchRegions regions = DispatchRegions.of(Town.demo());

        assertThat(regions.regions()).containsExactly("daqiao", "maintenance", "water-bureau");
        assertThat(regions.ofDevice("off-51")).isEqualTo("maintenance");
        assertThat(List.of("hecun", "tanshi", "daqiao", "xintangbian")).allSatisfy(t -> assertThat(regions.ofUnit(t)).isEqualTo("daqiao"));
        assertThat(regions.ofDevice("off-47")).isEqualTo("water-bureau");
        assertThat(regions.ofDevice("off-21")).isEqualTo("daqiao");
        assertThat(regions.ofDevice("cam-0134")).isEqualTo("daqiao");
        assertThat(regions.ofDevice("wl-01")).isEqualTo("daqiao"); // a sensor's region is its jurisdiction team's
    }

    @Test
    void shouldLetAnOfficerServeOnlyTheirUnitAndItsOnePlusXNeighbours() {
        DispatchRegions regions = DispatchRegions.of(Town.demo());

        assertThat(regions.mayServe("off-01", "hecun")).isTrue();
        assertThat(regions.mayServe("off-21", "hecun")).isTrue(); // tanshi is hecun's neighbour
        assertThat(regions.mayServe("off-47", "hecun")).isFalse(); // the water bureau is not a parking team
        assertThat(regions.mayServe("off-01", "water-bureau")).isFalse();
        assertThat(regions.mayServe("nobody", "hecun")).isFalse();
    }

    @Test
    void shouldSplitACityWhoseDistrictsDoNotFallBackOnEachOther() {
        Town city = Town.load("classpath:towns/two-districts.yaml");
        DispatchRegions regions = DispatchRegions.of(city);

        assertThat(regions.regions()).containsExactly("east", "north", "water-bureau");
        assertThat(regions.ofUnit("west")).isEqualTo("east"); // east and west fall back on each other
        assertThat(regions.ofUnit("south")).isEqualTo("north");
        assertThat(regions.ofUnit("unknown-unit")).isEqualTo("east"); // a fixed region, the same on every run
    }

    @Test
    void shouldRouteEachInputToTheRegionThatDecidesIt() {
        DispatchRegions regions = DispatchRegions.of(town());
        List<DeskInput> routed = new ArrayList<>();
        Collector<DeskInput> out = collector(routed);

        RegionRouter.route(regions, DeskInput.of(dispatchRequest("vio-1", 0)), out);
        RegionRouter.route(regions, DeskInput.of(new OfficerUpdate("off-47", "water-bureau", 0, 28.7, 118.6, Availability.AVAILABLE)), out);
        RegionRouter.route(regions, DeskInput.of(new DeviceAck("off-21", 0, "cmd-x", DeviceAck.ACCEPTED, null)), out);
        RegionRouter.route(regions, DeskInput.of(OperatorAction.close("vio-1", "ops", 0, "done", "demo-admin")), out);

        assertThat(routed).extracting(DeskInput::region).containsExactly("hecun", "water-bureau", "hecun", "hecun", "water-bureau");
        assertThat(routed.subList(3, 5)).extracting(DeskInput::operation).doesNotContainNull(); // a dispatcher's action: every region
    }

    private static Collector<DeskInput> collector(List<DeskInput> into) {
        return new Collector<>() {
            @Override
            public void collect(DeskInput record) {
                into.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
