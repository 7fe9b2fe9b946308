package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TownTest {

    private final Town demo = Town.demo();

    @Test
    void shouldHoldTheDemoTownsFixtures() {
        assertThat(demo.cameras()).hasSize(134);
        assertThat(demo.sensors()).hasSize(8);
        assertThat(demo.officers()).hasSize(52);
        assertThat(demo.categories()).hasSize(13);
        assertThat(demo.device("cam-0134").orElseThrow().jurisdiction()).isEqualTo("tanshi");
        assertThat(demo.officer("off-47").orElseThrow().unit()).isEqualTo("water-bureau");
    }

    @Test
    void shouldSendSilentDemoDevicesToMaintenanceAfterThreeMissedHeartbeats() {
        assertThat(demo.offlineAfter("cam-0001")).contains(Duration.ofMinutes(3));
        assertThat(demo.offlineAfter("wl-01")).contains(Duration.ofMinutes(3));
        assertThat(demo.offlineAfter("off-01")).isEmpty();
        assertThat(demo.responsibleUnit(Town.DEVICE_OFFLINE, "hecun")).isEqualTo("maintenance");
        assertThat(demo.category(Town.DEVICE_OFFLINE).orElseThrow().name()).isEqualTo("设备离线");
        assertThat(demo.officer("off-51").orElseThrow().unit()).isEqualTo("maintenance");
        assertThat(Secrets.matches("demo-off-52", demo.device("off-52").orElseThrow().tokenHash())).isTrue();
    }

    @Test
    void shouldGiveCam0001ItsShortParkingRule() {
        ZoneRule rule = demo.zoneRules("cam-0001").get(0);

        assertThat(rule.zone()).isEqualTo("z-parking");
        assertThat(rule.dwell()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rule.warning().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rule.activeHours()).isEmpty();
        assertThat(rule.responsibleUnit()).isEqualTo("hecun");
        assertThat(rule.polygon().contains(0.5, 0.9)).isTrue();
        assertThat(rule.polygon().contains(0.5, 0.4)).isFalse();
    }

    @Test
    void shouldFallBackToTheNeighbourTeams() {
        assertThat(demo.fallbackUnits("hecun")).containsExactlyInAnyOrder("tanshi", "daqiao", "xintangbian");
        assertThat(demo.fallbackUnits("water-bureau")).isEmpty();
    }

    @Test
    void shouldStoreOnlyHashesThatMatchTheDemoTokens() {
        String hash = demo.device("cam-0001").orElseThrow().tokenHash();

        assertThat(hash).startsWith("sha256:").doesNotContain("demo-cam-0001");
        assertThat(Secrets.matches("demo-cam-0001", hash)).isTrue();
        assertThat(Secrets.matches("demo-cam-0002", hash)).isFalse();
    }

    @Test
    void shouldParseActiveHoursAndDurations() {
        ActiveWindow window = ActiveWindow.parse("mon-fri 07:00-20:00");

        assertThat(window.days()).hasSize(5);
        assertThat(window.from()).isEqualTo(LocalTime.of(7, 0));
        assertThat(TownLoader.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TownLoader.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldNameTheEntryToFixInABrokenTownFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("town.yaml");
        Files.writeString(file, """
                name: broken
                jurisdictions: [{id: a, neighbours: [nowhere]}]
                """);

        assertThatThrownBy(() -> Town.load(file.toString())).isInstanceOf(TownFileException.class)
                .hasMessageContaining("jurisdiction a names unknown neighbour nowhere");
    }

    @Test
    void shouldHaveNoFallbackForAJurisdictionThatNamesNoNeighbours(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("town.yaml");
        Files.writeString(file, """
                name: alone
                jurisdictions: [{id: a, name: a}]
                units: [{id: team-a, name: team a, jurisdiction: a}]
                """);

        assertThat(Town.load(file.toString()).fallbackUnits("team-a")).isEmpty();
    }

    @Test
    void shouldLoadACitysTownFileOfManyMegabytes(@TempDir Path dir) throws Exception {
        // SnakeYAML stops at 3 MB by default; a city of 10,000 cameras writes about 4.5 MB
        String demo = new String(TownTest.class.getClassLoader().getResourceAsStream("towns/demo-town.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Path file = dir.resolve("city.yaml");
        Files.writeString(file, ("# " + "padding as a city's devices would take ".repeat(2) + "\n").repeat(60_000) + demo);

        assertThat(Files.size(file)).isGreaterThan(4_000_000);
        assertThat(Town.load(file.toString()).cameras()).hasSize(134);
    }

    @Test
    void shouldCapObjectsPerFrameAsTheTownFileSaysOrAtTheDefault(@TempDir Path dir) throws Exception {
        Path own = dir.resolve("own.yaml");
        Files.writeString(own, "name: own\nlimits: {maxObjectsPerFrame: 8}\n");
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, "name: none\n");
        Path zero = dir.resolve("zero.yaml");
        Files.writeString(zero, "name: zero\nlimits: {maxObjectsPerFrame: 0}\n");

        assertThat(Town.load(own.toString()).maxObjectsPerFrame()).isEqualTo(8);
        assertThat(Town.load(none.toString()).maxObjectsPerFrame()).isEqualTo(Town.DEFAULT_MAX_OBJECTS_PER_FRAME);
        assertThat(Town.demo().maxObjectsPerFrame()).isEqualTo(64);
        assertThatThrownBy(() -> Town.load(zero.toString())).isInstanceOf(TownFileException.class)
                .hasMessageContaining("limits.maxObjectsPerFrame must be at least 1");
    }
}
