package io.gridwarden.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.ParsedEvents;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.detect.DwellTracker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameBatchesTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.0004, 0.0005, 0.001, 0.0015, 0.0099, 0.05, 0.0999, 0.1, 0.5, 0.7999, 0.9994, 0.9995, 0.999999})
    void shouldWriteThreeDecimalsAsPercentThreeFDoes(double value) {
        assertThat(FrameBatches.appendThousandths(new StringBuilder(), value)).hasToString(String.format(Locale.ROOT, "%.3f", value));
    }

    @Test
    void shouldWriteRandomBoxCornersAsPercentThreeFDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            double value = random.nextDouble(0.0, 0.8);
            assertThat(FrameBatches.appendThousandths(new StringBuilder(), value)).hasToString(String.format(Locale.ROOT, "%.3f", value));
        }
    }

    @Test
    void shouldMakeBatchesIngestAcceptsWithIdsUniqueToTheRun() {
        var batches = new FrameBatches("run1");
        Set<String> ids = new HashSet<>();
        for (int b = 0; b < 50; b++) {
            ParsedEvents parsed = EventCodec.parse(batches.next(b % 2 == 0 ? "cam-0001" : "cam-0002", 100), Instant.now());

            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.events()).hasSize(100);
            parsed.events().stream().map(DeviceEvent::id).forEach(ids::add);
        }
        assertThat(ids).hasSize(50 * 100);
    }

    @Test
    void shouldMakeSingleEventsIngestAccepts() {
        for (byte[] event : new FrameBatches("run2").events("cam-0003", 100)) {
            ParsedEvents parsed = EventCodec.parse(event, Instant.now());

            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.events()).hasSize(1);
        }
    }

    @Test
    void shouldShowTheParkedCarWhereACityCameraWithTheShortRuleWatchesForParking(@TempDir Path dir) throws Exception {
        CityTown town = new CityTown().withShortParkingRules(5);
        Town city = town.write(new CityTown.Size(20, 0, 1, 1), dir.resolve("city.yaml"));
        assertThat(IntStream.range(0, 20).filter(town::hasShortParkingRule)).containsExactly(0, 5, 10, 15);
        ZoneRule rule = city.zoneRules("cam-00006").get(0);
        assertThat(rule.category()).isEqualTo("illegal_parking");
        assertThat(rule.dwell()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rule.warning().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(city.zoneRules("cam-00007").get(0).dwell()).isNotEqualTo(Duration.ofSeconds(60));

        var batches = new FrameBatches("run3");
        for (int frame = 0; frame < 20; frame++) {
            ParsedEvents parsed = EventCodec.parse(batches.next("cam-00006", 1, "parked-cam-00006"), Instant.now());
            assertThat(parsed.problems()).isEmpty();
            var objects = ((Detection) parsed.events().get(0).data()).objects();
            assertThat(objects).filteredOn(o -> o.track().equals("parked-cam-00006")).singleElement()
                    .satisfies(car -> assertThat(DwellTracker.standsIn(rule, car)).isTrue());
        }
    }
}
