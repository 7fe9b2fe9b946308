package io.gridwarden.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.common.town.ZoneRule;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffenderTest {

    @Test
    void shouldStandInsideItsZoneWithALabelItsCategoryWatches() {
        Town demo = Town.demo();
        Random random = new Random(7);
        int zones = 0;
        for (TownFile.Camera camera : demo.cameras()) {
            for (ZoneRule rule : demo.zoneRules(camera.id())) {
                Offender offender = Offender.in(rule, random);
                assertThat(rule.polygon().contains(offender.box().footX(), offender.box().footY()))
                        .as("%s %s stands in its zone", camera.id(), rule.zone()).isTrue();
                assertThat(rule.labels()).contains(offender.label());
                assertThat(offender.seen().confidence()).isGreaterThanOrEqualTo(rule.minConfidence());
                zones++;
            }
        }
        assertThat(zones).isGreaterThan(134);
    }
}
