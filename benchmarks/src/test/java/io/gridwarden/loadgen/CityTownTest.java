package io.gridwarden.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityTownTest {

    @TempDir
    Path dir;

    @Test
    void aCityOfThousandsOfCamerasLoadsAsATownWithDistrictsThatBackEachOtherUp() throws Exception {
        Town city = new CityTown().write(new CityTown.Size(1000, 2, 10, 7), dir.resolve("city.yaml"));

        assertThat(city.cameras()).hasSize(1000);
        assertThat(city.jurisdictions()).hasSize(8); // ceil(1000 / 134)
        assertThat(city.sensors()).hasSize(16);
        assertThat(city.officers()).hasSize(80);
        assertThat(city.categories()).hasSize(12);
        // d001 is the grid's corner (3 × 3 grid, 8 districts): backed up by the district to its right and the one below
        assertThat(city.jurisdiction("d001").orElseThrow().neighbours()).containsExactlyInAnyOrder("d002", "d004");
        assertThat(city.fallbackUnits("d005")).contains("d002", "d004", "d006", "d008");
        assertThat(city.responsibleUnit("river_water_level", "d003")).isEqualTo("water-bureau");
        assertThat(city.officers()).filteredOn(o -> o.unit().equals("water-bureau")).hasSize(8);
    }

    @Test
    void everyDeviceAndTheAdminSignInWithTheDemoConventionAndOnlyHashesAreWritten() throws Exception {
        Path file = dir.resolve("city.yaml");
        Town city = new CityTown().write(new CityTown.Size(300, 1, 8, 1), file);

        TownFile.Camera last = city.cameras().get(299);
        assertThat(last.id()).isEqualTo("cam-00300");
        assertThat(Secrets.matches("demo-cam-00300", city.device("cam-00300").orElseThrow().tokenHash())).isTrue();
        assertThat(Secrets.matches("demo-off-00001", city.device("off-00001").orElseThrow().tokenHash())).isTrue();
        assertThat(Secrets.matches("demo-admin", city.operator("demo-admin").orElseThrow().tokenHash())).isTrue();
        assertThat(city.zoneRules("cam-00001")).singleElement().satisfies(rule -> {
            assertThat(rule.category()).isEqualTo("illegal_parking");
            assertThat(rule.dwell()).isEqualTo(java.time.Duration.ofSeconds(60));
        });
        assertThat(city.zoneRules("cam-00002")).isNotEmpty();
        assertThat(Files.readString(file)).doesNotContain("demo-cam-").contains("sha256:");
    }

    @Test
    void theSameSeedGivesTheSameCity() throws Exception {
        new CityTown().write(new CityTown.Size(200, 1, 4, 42), dir.resolve("a.yaml"));
        new CityTown().write(new CityTown.Size(200, 1, 4, 42), dir.resolve("b.yaml"));
        new CityTown().write(new CityTown.Size(200, 1, 4, 43), dir.resolve("c.yaml"));

        assertThat(Files.readString(dir.resolve("a.yaml"))).isEqualTo(Files.readString(dir.resolve("b.yaml")))
                .isNotEqualTo(Files.readString(dir.resolve("c.yaml")));
    }

    @Test
    void aCityWithoutCamerasOrOfficersIsRefused() {
        assertThatThrownBy(() -> new CityTown.Size(0, 1, 1, 1)).hasMessageContaining("at least 1 camera");
        assertThatThrownBy(() -> new CityTown.Size(10, 1, 0, 1)).hasMessageContaining("1 officer per district");
    }
}
