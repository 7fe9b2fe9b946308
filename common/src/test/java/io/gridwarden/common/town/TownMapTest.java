package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The town file's {@code map: {outline: …}}: a bounded GeoJSON file read at start, refused with what to fix. */
class TownMapTest {

    private static final String TOWN = """
            name: small
            jurisdictions:
              - {id: a, name: A}
            units:
              - {id: team-a, jurisdiction: a}
            officers:
              - {id: off-1, unit: team-a, tokenHash: sha256:02}
            map: {outline: maps/outline.geojson}
            """;
    private static final String SQUARE = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"jurisdiction": "a", "name": "A"},
               "geometry": {"type": "Polygon", "coordinates": [[[118.5, 28.7], [118.6, 28.7], [118.6, 28.8], [118.5, 28.7]]]}},
              {"type": "Feature", "properties": {},
               "geometry": {"type": "LineString", "coordinates": [[118.5, 28.7], [118.6, 28.8]]}}]}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldReadTheDemoTownsSchematicOutlineOfItsFourJurisdictions() {
        TownMap map = Town.demo().map().orElseThrow();

        assertThat(map.shapes()).filteredOn(s -> s.kind().equals("boundary")).extracting(TownMap.Shape::jurisdiction)
                .containsExactly("hecun", "tanshi", "daqiao", "xintangbian");
        assertThat(map.shapes()).anyMatch(s -> s.kind().equals("road")).anyMatch(s -> s.kind().equals("river"));
    }

    @Test
    void shouldReadAnOutlineRelativeToTheTownFileWithKindsByGeometry() throws IOException {
        TownMap map = load(SQUARE).map().orElseThrow();

        assertThat(map.shapes()).extracting(TownMap.Shape::kind).containsExactly("boundary", "road");
        assertThat(map.shapes().get(0).paths().get(0)).hasSize(4).first().isEqualTo(new double[] {118.5, 28.7});
    }

    @Test
    void shouldHaveNoMapWhenTheTownFileGivesNone() throws IOException {
        Files.writeString(dir.resolve("town.yaml"), TOWN.replace("map: {outline: maps/outline.geojson}\n", ""));
        assertThat(Town.load(dir.resolve("town.yaml").toString()).map()).isEmpty();
    }

    @Test
    void shouldRefuseAnOutlineNamingAJurisdictionTheTownDoesNotHave() {
        assertThat(error(SQUARE.replace("\"jurisdiction\": \"a\"", "\"jurisdiction\": \"zz\""))).contains("features[0]").contains("zz");
    }

    @Test
    void shouldRefuseLatitudeAndLongitudeSwappedOrOutOfRange() {
        assertThat(error(SQUARE.replace("[118.6, 28.8]]}}]", "[28.8, 918.6]]}}]"))).contains("features[1]").contains("[lon, lat]");
    }

    @Test
    void shouldRefuseWhatIsNotAFeatureCollectionOfLinesOrPolygons() {
        assertThat(error("{\"type\": \"Feature\"}")).contains("FeatureCollection");
        assertThat(error("not json")).contains("not JSON");
        assertThat(error(SQUARE.replace("LineString", "Point"))).contains("geometry type");
        assertThat(error(SQUARE.replace("\"properties\": {}", "\"properties\": {\"kind\": \"lake\"}"))).contains("kind");
    }

    @Test
    void shouldRefuseAnOutlineLargerThanPhonesCanDraw() {
        String huge = "{\"type\": \"FeatureCollection\", \"features\": [], \"pad\": \"" + "x".repeat((int) TownMapReader.MAX_BYTES) + "\"}";
        assertThat(error(huge)).contains("larger than 4 MiB");
        StringBuilder many = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\":"
                + " {\"type\": \"LineString\", \"coordinates\": [[118.5, 28.7]");
        many.append(", [118.5, 28.7]".repeat(TownMapReader.MAX_POINTS));
        assertThat(error(many.append("]}}]}").toString())).contains("more than " + TownMapReader.MAX_POINTS + " positions");
    }

    @Test
    void shouldSayWhereAMissingOutlineWasLookedFor() throws IOException {
        Files.writeString(dir.resolve("town.yaml"), TOWN);
        assertThatThrownBy(() -> Town.load(dir.resolve("town.yaml").toString())).isInstanceOf(TownFileException.class)
                .hasMessageContaining(dir.resolve("maps/outline.geojson").toString()).hasMessageContaining("relative to the town file");
    }

    private Town load(String outline) throws IOException {
        Files.createDirectories(dir.resolve("maps"));
        Files.writeString(dir.resolve("maps/outline.geojson"), outline);
        Files.writeString(dir.resolve("town.yaml"), TOWN);
        return Town.load(dir.resolve("town.yaml").toString());
    }

    private String error(String outline) {
        return assertThatThrownBy(() -> load(outline)).isInstanceOf(TownFileException.class).actual().getMessage();
    }
}
