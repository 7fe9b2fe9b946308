package io.gridwarden.suite.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.CameraFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dwell rule in Esper and in gridwarden's detection")
class DwellRunnersAgreeTest {

    private static final Town TOWN = Town.demo();

    @Test
    @DisplayName("find the same violations on the same generated stream, and some of them")
    void shouldFindTheSameViolationsOnTheSameStream() {
        List<CameraFrame> frames = DwellStream.generate(TOWN, 1200, 7);

        List<String> ours = new OurDetection(TOWN).violations(frames);
        List<String> esper = new EsperDwell(TOWN).violations(frames);

        assertThat(ours).isNotEmpty().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(esper);
    }

    @Test
    @DisplayName("count a car that stays 61 s in cam-0001's 60 s zone and not one that leaves after 40 s")
    void shouldCountOnlyTheCarThatStaysPastTheDwell() {
        var rule = TOWN.zoneRules("cam-0001").get(0);
        DetectedObject stays = DwellStream.placeIn(rule, "t-stays", new java.util.SplittableRandom(1));
        DetectedObject leaves = DwellStream.placeIn(rule, "t-leaves", new java.util.SplittableRandom(2));
        List<CameraFrame> frames = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            List<DetectedObject> seen = new ArrayList<>();
            if (s <= 61) {
                seen.add(stays);
            }
            if (s <= 20) {
                seen.add(leaves); // last seen at 20 s: gone at 35 s, before its dwell ends at 60 s
            }
            frames.add(new CameraFrame("cam-0001", DwellStream.START + s * 1000L, null, seen));
        }

        assertThat(new OurDetection(TOWN).violations(frames)).containsExactly("cam-0001|z-parking|t-stays");
        assertThat(new EsperDwell(TOWN).violations(frames)).containsExactly("cam-0001|z-parking|t-stays");
    }

    @Test
    @DisplayName("never plan a visit that ends exactly when the dwell minus the absence timeout does")
    void shouldStepAroundTheAmbiguousBoundary() {
        var rules = TOWN.zoneRules("cam-0001"); // 60 s dwell, 15 s absence: a stay of 46 s is last seen at 45 s
        assertThat(DwellStream.CameraPlanAccess.avoidBoundary(46, rules)).isEqualTo(47);
        assertThat(DwellStream.CameraPlanAccess.avoidBoundary(30, rules)).isEqualTo(30);
    }
}
