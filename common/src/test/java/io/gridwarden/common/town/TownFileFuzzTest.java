package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the town file loader: any file either loads as a {@link Town} that answers every
 * lookup the services make, or is refused with a {@link TownFileException} that names what to fix; never another
 * exception, never a hang ({@link Timeout} is also the fuzzer's per-input limit).
 *
 * <p>A plain {@code mvn test} replays {@code TownFileFuzzTestInputs/<method>}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class TownFileFuzzTest {

    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("town-fuzz", ".yaml");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @DictionaryEntries({"name: ", "timezone: ", "commandGateway: ", "officerStatusFreshness: ", "jurisdictions:", "units:",
            "categories:", "cameras:", "sensors:", "officers:", "operators:", "id: ", "neighbours: ", "jurisdiction: ",
            "labels: ", "minConfidence: ", "metric: ", "threshold: ", "dwell: ", "warning: ", "text: ", "clip: ", "repeat: ",
            "grace: ", "acceptWithin: ", "responsibleUnit: ", "activeHours: ", "urgent: ", "lat: ", "lon: ", "grid: ",
            "tokenHash: ", "commandUrl: ", "zones: ", "polygon: ", "category: ", "unit: ", "role: ", "local", "admin",
            "viewer", "dispatcher", "'*'", "mon-fri 07:00-20:00", "22:00-06:00", "90s", "1.5h", "500ms", "PT5M", "Asia/Shanghai",
            "sha256:", "- ", "{", "}", "[", "]", ": ", "&a ", "*a", "<<: ", "!!", ".nan", "~", "null", "1e400"})
    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void anyTownFileLoadsAsAUsableTownOrIsRefusedWithAMessage(byte[] yaml) throws IOException {
        Files.write(file, yaml);
        Town town;
        try {
            town = Town.load(file.toString());
        } catch (TownFileException e) {
            assertThat(e.getMessage()).as("what to fix").isNotBlank();
            return;
        }
        assertAnswersEveryLookup(town);
    }

    /** A town that loaded is used by every service at start and on every event: none of that may throw. */
    private static void assertAnswersEveryLookup(Town town) {
        assertThat(town.toString()).isNotBlank();
        assertThat(town.timezone()).isNotNull();
        assertThat(town.officerStatusFreshness()).isNotNull();
        town.commandGateway();
        town.cameras().forEach(c -> town.zoneRules(c.id()).forEach(rule -> {
            rule.polygon().contains(0.5, 0.5);
            rule.activeHours().forEach(window -> window.days().contains(Instant.EPOCH.atZone(town.timezone()).getDayOfWeek()));
        }));
        town.units().forEach(u -> town.fallbackUnits(u.id()));
        town.jurisdictions().forEach(j -> town.teamOf(j.id()));
        town.sensors().forEach(s -> {
            assertThat(town.category(s.category())).isPresent();
            assertThat(town.responsibleUnit(s.category(), s.jurisdiction())).isNotNull();
        });
        town.officers().forEach(o -> assertThat(town.device(o.id())).isPresent());
        town.operators().forEach(o -> assertThat(town.operator(o.id())).isPresent());
    }
}
