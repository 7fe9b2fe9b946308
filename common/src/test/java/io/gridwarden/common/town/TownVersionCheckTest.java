package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A new town file submitted while running: checked whole (every problem at once), and what it changes. */
class TownVersionCheckTest {

    static String demoText() throws IOException {
        try (InputStream in = Town.class.getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The demo text with {@code from} replaced by {@code to} in cam-0001's entry only. */
    static String inCam0001(String text, String from, String to) {
        int at = text.indexOf("- id: cam-0001");
        int zone = text.indexOf(from, at);
        return text.substring(0, zone) + to + text.substring(zone + from.length());
    }

    @Test
    void shouldParseTheDemoTownFromItsText() throws IOException {
        Town town = Town.parse(demoText(), Town.DEMO);

        assertThat(town.cameras()).hasSameSizeAs(Town.demo().cameras());
        assertThat(town.map()).isPresent();
    }

    @Test
    void shouldListEveryProblemOfATownNotJustTheFirst() throws IOException {
        String broken = inCam0001(inCam0001(demoText(), "category: illegal_parking", "category: no_such_category"),
                "lat: 28.7405", "lat: 128.7405");

        TownFileException e = (TownFileException) assertThatThrownBy(() -> Town.parse(broken, Town.DEMO))
                .isInstanceOf(TownFileException.class).actual();

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("cam-0001 zone z-parking watches unknown category no_such_category"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("camera cam-0001 has coordinates out of range"));
        assertThat(e.getMessage()).contains("no_such_category").contains("out of range");
    }

    @Test
    void shouldReportUnreadableYamlAsOneProblem() {
        TownFileException e = (TownFileException) assertThatThrownBy(() -> Town.parse("name: [unclosed", Town.DEMO))
                .isInstanceOf(TownFileException.class).actual();

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("cannot read town file"));
    }

    @Test
    void shouldNameTheZonesAndOfficersAChangeAddsRemovesAndChanges() throws IOException {
        String text = demoText();
        Town before = Town.parse(text, Town.DEMO);
        String moved = inCam0001(text, "polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]]",
                "polygon: [[0.0, 0.0], [1.0, 0.0], [1.0, 0.5], [0.0, 0.5]]");
        Town after = Town.parse(moved, Town.DEMO);

        TownDiff diff = TownDiff.between(before, after);

        assertThat(diff.kinds()).containsOnlyKeys("cameras", "zones");
        assertThat(diff.kinds().get("zones").changed()).containsExactly("cam-0001/z-parking");
        assertThat(TownDiff.between(before, before).isEmpty()).isTrue();
        assertThat(TownDiff.between(before, after).removed("zones")).isEmpty();
    }
}
