package io.gridwarden.alerting.view;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo town: hecun's neighbours are tanshi, daqiao and xintangbian; tanshi's only hecun; the water bureau handles rivers. */
class AssignableUnitsTest {

    private static final Town DEMO = Town.demo();
    private final AssignableUnits units = new AssignableUnits(DEMO);

    @Test
    void shouldSendALocalCategoryToThePlacesTeamThenItsNeighboursTeams() {
        assertThat(units.forViolation("illegal_parking", "hecun")).containsExactly("hecun", "tanshi", "daqiao", "xintangbian");
        assertThat(units.forViolation("street_vending", "tanshi")).containsExactly("tanshi", "hecun");
    }

    @Test
    void shouldSendARiverCategoryToTheWaterBureauAlone() {
        assertThat(units.forViolation("river_water_level", "hecun")).containsExactly("water-bureau");
    }

    @Test
    void shouldSendNobodyForAnUnknownCategoryOrJurisdiction() {
        assertThat(units.forViolation("jaywalking", "hecun")).isEmpty();
        assertThat(units.forViolation("illegal_parking", "atlantis")).isEmpty();
    }

    @Test
    void shouldLetViewersSeeTheResponsibleUnitsAndDispatchersAlsoTheNeighboursTeams() {
        // maintenance handles device_offline in every jurisdiction
        assertThat(units.responsibleIn(List.of("tanshi"))).containsExactlyInAnyOrder("tanshi", "water-bureau", "maintenance");
        assertThat(units.assignableIn(List.of("tanshi"))).containsExactlyInAnyOrder("tanshi", "hecun", "water-bureau", "maintenance");
        assertThat(units.assignableIn(List.of("*"))).containsExactlyInAnyOrder("hecun", "tanshi", "daqiao", "xintangbian", "water-bureau",
                "maintenance");
    }

    @Test
    void shouldNameTheOfficerTheirTeamAndWhoMayGoInstead() {
        var parking = hecunViolation("t-1", ViolationStatus.DISPATCHED);

        assertThat(units.refusal(DEMO.officer("off-21").orElseThrow(), parking)).isEmpty();
        assertThat(units.refusal(DEMO.officer("off-47").orElseThrow(), parking)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("officer off-47 is of water-bureau (县水利局), which is not sent to illegal_parking in hecun")
                .contains("choose an officer of hecun (").contains("xintangbian ("));
    }
}
