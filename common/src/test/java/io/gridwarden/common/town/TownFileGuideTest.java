package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the town file section of {@code docs/integration.md} true to {@link TownFile} and {@link Town}. */
class TownFileGuideTest {

    /** Surefire runs in the module's directory; the guide lives at the repository's root. */
    private static final Path GUIDE = Path.of("..", "docs", "integration.md");
    private static final String SECTION = "## The town file";
    private static final String EXAMPLE = "A small town, complete";

    @Test
    void shouldLoadTheGuidesExampleTown(@TempDir Path dir) throws IOException {
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section());
        assertThat(yaml.find(section().indexOf(EXAMPLE))).as("a yaml block after \"" + EXAMPLE + "\"").isTrue();
        Path file = Files.writeString(dir.resolve("town.yaml"), yaml.group(1));

        Town town = Town.load(file.toString());

        assertThat(town.fallbackUnits("riverside-team")).containsExactly("hillside-team");
        assertThat(town.fallbackUnits("water-bureau")).isEmpty();
        assertThat(town.zoneRules("cam-r01")).extracting(ZoneRule::zone).containsExactly("z-parking", "z-yard");
        assertThat(town.zoneRules("cam-r01").get(1).urgent()).isTrue();
    }

    @Test
    void shouldDocumentEveryTownFileKey() throws IOException {
        Set<String> documented = new TreeSet<>();
        String prose = section().replaceAll("(?s)```.*?```", ""); // the example must not count as documentation
        Matcher code = Pattern.compile("`([^`]+)`").matcher(prose);
        while (code.find()) {
            documented.addAll(Arrays.asList(code.group(1).split("[^A-Za-z]+")));
        }
        Set<String> keys = new TreeSet<>();
        for (Class<?> type : TownFile.class.getDeclaredClasses()) {
            Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(keys::add);
        }
        Arrays.stream(TownFile.class.getRecordComponents()).map(RecordComponent::getName).forEach(keys::add);

        assertThat(documented).as("keys named in backticks in the guide's town file section").containsAll(keys);
    }

    private static String section() throws IOException {
        String guide = Files.readString(GUIDE);
        int start = guide.indexOf(SECTION);
        assertThat(start).as(GUIDE.toAbsolutePath() + " has a section \"" + SECTION + "\"").isNotNegative();
        int end = guide.indexOf("\n## ", start + SECTION.length());
        return guide.substring(start, end < 0 ? guide.length() : end);
    }
}
