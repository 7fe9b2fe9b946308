package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A camera's {@code isapi} entry: what the town file must say, and that a real password never sits in it. */
class IsapiTownFileTest {

    private static final String TOWN = """
            name: small
            jurisdictions: [{id: a, name: A}]
            units: [{id: team-a, jurisdiction: a}]
            categories: [{id: parking, labels: [car], dwell: 5m, responsibleUnit: local}]
            cameras:
              - id: cam-1
                lat: 28.74
                lon: 118.58
                jurisdiction: a
                tokenHash: sha256:00
                isapi: {address: http://10.0.0.11, user: gw, %s, alarmSecretHash: sha256:01, mac: "44:19:b6:00:00:01", clips: {parking: 3}}
            """;

    private static Town load(Path dir, String password) throws Exception {
        return Town.load(Files.writeString(dir.resolve("town.yaml"), TOWN.formatted(password)).toString());
    }

    @Test
    void shouldReadTheIsapiEntryOfTheDemoCameras() {
        TownFile.Isapi isapi = Town.demo().camera("cam-0111").orElseThrow().isapi();
        assertThat(isapi.address()).isEqualTo("http://127.0.0.1:8071");
        assertThat(isapi.alarmSecretHash()).isEqualTo(Secrets.hash("demo-isapi-cam-0111"));
        assertThat(Town.demo().zoneRules("cam-0111")).extracting(ZoneRule::zone).containsExactly("z-parking");
    }

    @Test
    void shouldTakeAPasswordFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        assertThat(load(dir, "passwordFile: /etc/gw/cam-1").camera("cam-1").orElseThrow().isapi().clips()).containsEntry("parking", 3);
        assertThat(load(dir, "passwordEnv: CAM_1_PASSWORD").camera("cam-1").orElseThrow().isapi().passwordEnv()).isEqualTo("CAM_1_PASSWORD");
    }

    @Test
    void shouldRefuseAnInlinePasswordThatIsNotAPublishedDemoOne(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, "password: hunter2")).isInstanceOf(TownFileException.class)
                .hasMessageContaining("passwordFile or passwordEnv");
    }

    @Test
    void shouldRefuseTwoPasswordSourcesOrNone(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, "passwordFile: /a, passwordEnv: B")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> load(dir, "serial: S1")).hasMessageContaining("exactly one");
    }
}
