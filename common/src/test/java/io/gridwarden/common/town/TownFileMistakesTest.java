package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Town-file mistakes that {@link TownFileFuzzTest} found slipping past the checks: each used to escape as a
 * JDK exception at start, or to load and then fail a stream job later. Now each is refused with the entry to fix,
 * or (no neighbours) works.
 */
class TownFileMistakesTest {

    private static final String TOWN = """
            name: small
            timezone: Asia/Shanghai
            jurisdictions:
              - {id: a, name: A, neighbours: [b]}
              - {id: b, name: B, neighbours: [a]}
            units:
              - {id: team-a, jurisdiction: a}
              - {id: team-b, jurisdiction: b}
            categories:
              - {id: parking, labels: [car], dwell: 5m, responsibleUnit: local, activeHours: ["07:00-20:00"]}
              - {id: level, metric: water_level_m, threshold: 3.5, dwell: 1m, responsibleUnit: local}
            cameras:
              - id: cam-1
                lat: 28.74
                lon: 118.58
                jurisdiction: a
                tokenHash: sha256:00
                zones:
                  - {id: z1, category: parking, polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0]]}
            sensors:
              - {id: wl-1, lat: 28.7, lon: 118.5, jurisdiction: b, category: level, tokenHash: sha256:01}
            officers:
              - {id: off-1, unit: team-a, tokenHash: sha256:02}
            """;

    @TempDir
    Path dir;

    private Town load(String yaml) throws IOException {
        Path file = dir.resolve("town.yaml");
        Files.writeString(file, yaml);
        return Town.load(file.toString());
    }

    private String loadError(String from, String to) {
        assertThat(TOWN).contains(from);
        return assertThatThrownBy(() -> load(TOWN.replace(from, to))).isInstanceOf(TownFileException.class).actual().getMessage();
    }

    @Test
    void shouldLoadTheTownTheseMistakesAreMadeIn() throws IOException {
        assertThat(load(TOWN).sensors()).hasSize(1);
    }

    @Test
    void shouldRefuseAnUnknownTimezoneNamingIt() {
        assertThat(loadError("timezone: Asia/Shanghai", "timezone: Mars/Olympus")).contains("timezone Mars/Olympus");
        assertThat(loadError("timezone: Asia/Shanghai", "timezone: \"\"")).contains("timezone");
    }

    @Test
    void shouldRefuseAnEmptyEntryInAnyList() {
        assertThat(loadError("cameras:\n", "cameras:\n  - ~\n")).contains("camera list is empty");
        assertThat(loadError("jurisdictions:\n", "jurisdictions:\n  - ~\n")).contains("jurisdiction list");
        assertThat(loadError("officers:\n", "officers:\n  - null\n")).contains("officer list");
        assertThat(loadError("categories:\n", "categories:\n  - null\n")).contains("category list");
    }

    @Test
    void shouldRefuseAnEmptyTownFile() {
        assertThatThrownBy(() -> load("~\n")).isInstanceOf(TownFileException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> load("")).isInstanceOf(TownFileException.class);
    }

    @Test
    void shouldRefuseAnOperatorWithoutARole() {
        assertThat(loadError("officers:\n", "operators:\n  - {id: op-1, tokenHash: h}\nofficers:\n")).contains("operator op-1 has role null");
    }

    @Test
    void shouldRefuseAScraperThatWouldSeeJurisdictions() {
        assertThat(loadError("officers:\n", "operators:\n  - {id: prom, role: metrics, jurisdictions: ['*'], tokenHash: sha256:00}\nofficers:\n"))
                .contains("operator prom has role metrics, which sees no violations: leave its jurisdictions empty");
        assertThat(loadError("officers:\n", "operators:\n  - {id: op-1, role: root, tokenHash: sha256:00}\nofficers:\n"))
                .contains("operator op-1 has role root; use viewer, dispatcher, admin or metrics");
    }

    @Test
    void shouldNameTheMissingJurisdictionOfADeviceInAFileWithoutJurisdictions() {
        assertThatThrownBy(() -> load("name: x\ncameras: [{id: k, tokenHash: h}]\n")).isInstanceOf(TownFileException.class)
                .hasMessageContaining("camera k is in unknown jurisdiction null");
        assertThatThrownBy(() -> load("name: x\nofficers: [{id: o, tokenHash: h}]\n")).isInstanceOf(TownFileException.class)
                .hasMessageContaining("officer o belongs to unknown unit null");
    }

    @Test
    void shouldRefuseAnEmptyZoneLabelOrActiveHours() {
        assertThat(loadError("zones:\n", "zones:\n      - ~\n")).contains("camera cam-1 has an empty zone");
        assertThat(loadError("labels: [car]", "labels: [car, ~]")).contains("category parking has an empty label");
        assertThat(loadError("activeHours: [\"07:00-20:00\"]", "activeHours: [~]")).contains("category parking has empty active hours");
    }

    @Test
    void shouldRefuseAZonePointThatIsEmptyOrHasAnEmptyCoordinate() {
        assertThat(loadError("[[0.0, 0.5], [1.0, 0.5]", "[~, [1.0, 0.5]")).contains("camera cam-1 zone z1");
        assertThat(loadError("[[0.0, 0.5], [1.0, 0.5]", "[[~, 0.5], [1.0, 0.5]")).contains("must be [x, y] with both from 0 to 1");
    }

    @Test
    void shouldRefuseActiveHoursWithAnEmptyDayRange() {
        assertThat(loadError("\"07:00-20:00\"", "\"mon,- 07:00-20:00\"")).contains("unknown days \"-\"");
    }

    @Test
    void shouldRefuseAtStartASensorWhoseJurisdictionHasNoTeam() {
        assertThat(loadError("  - {id: team-b, jurisdiction: b}\n", "")).contains("jurisdiction b has no team");
    }

    @Test
    void shouldGiveNoFallbackTeamsForAJurisdictionWithoutNeighbours() throws IOException {
        Town town = load(TOWN.replace("{id: a, name: A, neighbours: [b]}", "{id: a, name: A}"));

        assertThat(town.fallbackUnits("team-a")).isEmpty();
        assertThat(town.fallbackUnits("team-b")).containsExactly("team-a");
    }

    @Test
    void shouldTakeADevicesOwnHeartbeatOverTheTownsAndJudgeNobodyWithoutOne() throws IOException {
        assertThat(load(TOWN).offlineAfter("cam-1")).isEmpty();
        Town town = load(TOWN.replace("officers:", "devices: {heartbeatEvery: 30s}\nofficers:")
                .replace("category: level, tokenHash: sha256:01}", "category: level, tokenHash: sha256:01, offlineAfter: 10m}")
                .replace("  - {id: level,", "  - {id: device_offline, responsibleUnit: team-a}\n  - {id: level,"));

        assertThat(town.offlineAfter("cam-1")).contains(java.time.Duration.ofSeconds(90));
        assertThat(town.offlineAfter("wl-1")).contains(java.time.Duration.ofMinutes(10));
        assertThat(town.offlineAfter("off-1")).isEmpty();
    }

    @Test
    void shouldRefuseHeartbeatsWithoutADeviceOfflineCategoryOrAThresholdShorterThanTheInterval() {
        assertThat(loadError("officers:", "devices: {heartbeatEvery: 30s}\nofficers:")).contains("category device_offline");
        assertThat(loadError("officers:", "devices: {heartbeatEvery: 30s, offlineAfter: 20s}\nofficers:"))
                .contains("offlineAfter (PT20S) must be longer than heartbeatEvery (PT30S)");
        assertThat(loadError("  - {id: level,", "  - {id: device_offline, labels: [car], responsibleUnit: team-a}\n  - {id: level,"))
                .contains("remove its labels");
    }

    @Test
    void shouldRefuseAWarningOnFailureOtherThanDispatchOrWait() {
        assertThat(loadError("  - {id: parking, labels: [car], dwell: 5m,",
                "  - {id: parking, labels: [car], dwell: 5m, warning: {text: go, grace: 1m, onFailure: retry},"))
                .contains("warning.onFailure is retry; use dispatch");
    }

    /**
     * A negative time (ISO-8601 allows "PT-5M") or a grace of nothing used to load: a dwell that ends before the
     * object came, a re-check at the warning's own instant, an assignment timed out before it was sent.
     */
    @Test
    void shouldRefuseTimesBelowZeroAndAGraceOrAcceptanceOfNothing() throws IOException {
        assertThat(loadError("dwell: 5m,", "dwell: PT-5M,")).contains("category parking's dwell must not be negative, not PT-5M");
        assertThat(loadError("dwell: 5m,", "dwell: 5m, warning: {text: go, grace: 0s},"))
                .contains("category parking's warning grace must be positive, not PT0S; to send an officer without warning first");
        assertThat(loadError("dwell: 5m,", "dwell: 5m, acceptWithin: -PT2M,")).contains("category parking's acceptWithin must be positive");
        assertThat(loadError("[1.0, 1.0]]}", "[1.0, 1.0]], dwell: PT-1S, grace: 0ms}"))
                .contains("camera cam-1 zone z1's dwell must not be negative").contains("camera cam-1 zone z1's grace must be positive");
        assertThat(loadError("tokenHash: sha256:01}", "tokenHash: sha256:01, dwell: PT-30S}")).contains("sensor wl-1's dwell must not be negative");
        assertThat(loadError("officers:", "officerStatusFreshness: 0s\nofficers:")).contains("officerStatusFreshness must be positive");
        // a dwell of nothing is a rule that reports at first sight, and stays allowed
        assertThat(load(TOWN.replace("dwell: 5m,", "dwell: 0s,")).categoryIndex().get("parking").dwell()).isZero();
    }

    /** Numbers that loaded and then made a rule silent or always on: nothing counts above confidence 1; NaN is never below a threshold. */
    @Test
    void shouldRefuseAConfidenceOutsideZeroToOneAThresholdThatIsNoNumberARepeatBelowOneAndASensorOffTheGlobe() {
        assertThat(loadError("dwell: 5m,", "dwell: 5m, minConfidence: 1.5,")).contains("category parking's minConfidence must be between 0 and 1");
        assertThat(loadError("threshold: 3.5,", "threshold: \"NaN\",")).contains("category level's threshold must be a number, not NaN");
        assertThat(loadError("tokenHash: sha256:01}", "tokenHash: sha256:01, threshold: \"Infinity\"}")).contains("sensor wl-1's threshold must be a number");
        assertThat(loadError("dwell: 5m,", "dwell: 5m, warning: {text: go, grace: 1m, repeat: 0},"))
                .contains("category parking's warning repeat must be at least 1");
        assertThat(loadError("lat: 28.7, lon: 118.5,", "lat: 128.7, lon: 118.5,")).contains("sensor wl-1 has coordinates out of range");
    }
}
