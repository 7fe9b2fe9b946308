package io.gridwarden.jobs.assign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OfficerGridTest {

    private final OfficerGrid grid = new OfficerGrid();
    private final Map<String, double[]> where = new HashMap<>();

    private void put(String id, double lat, double lon) {
        grid.put(id, lat, lon);
        where.put(id, new double[] {lat, lon});
    }

    private String scan(double lat, double lon, java.util.function.Predicate<String> eligible) {
        return where.entrySet().stream().filter(e -> eligible.test(e.getKey()))
                .min(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> GreatCircle.metres(lat, lon, e.getValue()[0], e.getValue()[1]))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse(null);
    }

    @Test
    void shouldFindTheSameNearestAsAFullScanAmongThousandsOfOfficers() {
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            put("o-" + i, 28.6 + random.nextDouble() * 0.3, 118.4 + random.nextDouble() * 0.4);
        }
        for (int q = 0; q < 300; q++) {
            double lat = 28.55 + random.nextDouble() * 0.4;
            double lon = 118.35 + random.nextDouble() * 0.5;
            int mod = q % 7 + 1;
            java.util.function.Predicate<String> eligible = id -> id.hashCode() % mod == 0;
            assertThat(grid.nearest(lat, lon, eligible, Comparator.naturalOrder()).map(OfficerGrid.Nearest::id).orElse(null))
                    .isEqualTo(scan(lat, lon, eligible));
        }
    }

    @Test
    void shouldFollowAnOfficerWhoMovesAndForgetOneRemoved() {
        put("o-1", 28.74, 118.58);
        put("o-2", 28.80, 118.58);
        grid.put("o-1", 28.90, 118.58);
        assertThat(grid.nearest(28.74, 118.58, id -> true, Comparator.naturalOrder())).hasValueSatisfying(n -> assertThat(n.id()).isEqualTo("o-2"));
        grid.remove("o-2");
        assertThat(grid.nearest(28.74, 118.58, id -> true, Comparator.naturalOrder())).hasValueSatisfying(n -> assertThat(n.id()).isEqualTo("o-1"));
        assertThat(grid.size()).isEqualTo(1);
    }

    @Test
    void shouldBreakDistanceTiesWithTheGivenOrderAndFindNobodyWhenNoneIsEligible() {
        put("o-a", 28.74, 118.58);
        put("o-b", 28.74, 118.58);
        assertThat(grid.nearest(28.75, 118.58, id -> true, Comparator.<String>reverseOrder())).hasValueSatisfying(n -> assertThat(n.id()).isEqualTo("o-b"));
        assertThat(grid.nearest(28.75, 118.58, id -> false, Comparator.naturalOrder())).isEmpty();
    }
}
