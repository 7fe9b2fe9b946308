package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the town file loader: any file either loads as a {@link Town} that answers every
 * lookup the services make, or is refused with a {@link TownFileException} that names what to fix; never another
 * exception, never a hang: loading takes at most {@link #LOAD_LIMIT_SECONDS} (measured here, not with JUnit's
 * {@code @Timeout}, which in fuzzing mode would time the whole run).
 *
 * <p>A plain {@code mvn test} replays {@code TownFileFuzzTestInputs/<method>}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class TownFileFuzzTest {

    private static final long LOAD_LIMIT_SECONDS = 10;

    private static Path file;
    private static ExecutorService loader;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("town-fuzz", ".yaml");
        loader = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "town-loader");
            thread.setDaemon(true); // a hung load must not keep the test JVM alive
            return thread;
        });
    }

    @AfterAll
    static void deleteFile() throws IOException {
        loader.shutdownNow();
        Files.deleteIfExists(file);
    }

    @DictionaryEntries({"name: ", "timezone: ", "commandGateway: ", "officerStatusFreshness: ", "jurisdictions:", "units:",
            "categories:", "cameras:", "sensors:", "officers:", "operators:", "id: ", "neighbours: ", "jurisdiction: ",
            "labels: ", "minConfidence: ", "metric: ", "threshold: ", "dwell: ", "warning: ", "text: ", "clip: ", "repeat: ",
            "grace: ", "acceptWithin: ", "responsibleUnit: ", "activeHours: ", "urgent: ", "lat: ", "lon: ", "grid: ",
            "tokenHash: ", "commandUrl: ", "zones: ", "polygon: ", "category: ", "unit: ", "role: ", "local", "admin",
            "viewer", "dispatcher", "'*'", "mon-fri 07:00-20:00", "22:00-06:00", "90s", "1.5h", "500ms", "PT5M", "Asia/Shanghai",
            "sha256:", "- ", "{", "}", "[", "]", ": ", "&a ", "*a", "<<: ", "!!", ".nan", "~", "null", "1e400"})
    @FuzzTest(maxDuration = "5m")
    void anyTownFileLoadsAsAUsableTownOrIsRefusedWithAMessage(byte[] yaml) throws Exception {
        Files.write(file, yaml);
        Future<Town> loading = loader.submit(() -> Town.load(file.toString()));
        Town town;
        try {
            town = loading.get(LOAD_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            loading.cancel(true);
            throw new AssertionError("loading the town file took longer than " + LOAD_LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TownFileException refused) {
                assertThat(refused.getMessage()).as("what to fix").isNotBlank();
                return;
            }
            throw new AssertionError("a town file may only be refused with a TownFileException", e.getCause());
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
