package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The town file's NVRs: resolved for ingest, and each mistake refused at start with the entry to fix. */
class NvrCheckerTest {

    private static final String TOWN = """
            name: small
            jurisdictions:
              - {id: a, name: A}
            units:
              - {id: team-a, jurisdiction: a}
            categories:
              - {id: parking, labels: [car], dwell: 5m, responsibleUnit: local}
            cameras:
              - {id: cam-1, lat: 28.74, lon: 118.58, jurisdiction: a, tokenHash: sha256:00}
              - {id: cam-2, lat: 28.74, lon: 118.58, jurisdiction: a, tokenHash: sha256:01}
            nvrs:
              - id: nvr-1
                tokenHash: sha256:02
                cameras:
                  - {frigate: front, camera: cam-1, detect: {width: 1920, height: 1080}}
                  - {frigate: yard, camera: cam-2, detect: {width: 1280, height: 720}}
                  - {frigate: garage, detect: {width: 640, height: 480}}
                labels: {motorcycle: e_bike}
                snapshots: {api: "http://10.0.0.5:5000/", fetch: false}
            """;

    @TempDir
    Path dir;

    private Town load(String yaml) throws IOException {
        return Town.load(Files.writeString(dir.resolve("town.yaml"), yaml).toString());
    }

    private String loadError(String from, String to) {
        assertThat(TOWN).contains(from);
        return assertThatThrownBy(() -> load(TOWN.replace(from, to))).isInstanceOf(TownFileException.class).actual().getMessage();
    }

    @Test
    void shouldResolveAnNvrsCamerasLabelsAndSnapshotApiWithFrigatesDefaultPrefix() throws IOException {
        Town town = load(TOWN);

        FrigateNvr nvr = town.nvr("nvr-1").orElseThrow();
        assertThat(nvr.topicPrefix()).isEqualTo("frigate");
        assertThat(nvr.camera("yard")).contains(new FrigateNvr.Camera("yard", "cam-2", 1280, 720));
        assertThat(nvr.camera("garage").orElseThrow().watched()).isFalse();
        assertThat(nvr.camera("cam-1")).isEmpty();
        assertThat(nvr.label("motorcycle")).isEqualTo("e_bike");
        assertThat(nvr.label("car")).isEqualTo("car");
        assertThat(nvr.snapshotUrl("1607123955.475377-mxklsc")).contains("http://10.0.0.5:5000/api/events/1607123955.475377-mxklsc/snapshot.jpg");
        assertThat(town.device("nvr-1")).hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(Device.Kind.NVR));
        assertThat(town.devices()).extracting(Device::id).containsExactly("cam-1", "cam-2", "nvr-1");
    }

    @Test
    void shouldGiveTheDemoTownsNvrTheTenCamerasItRecordsAtFullHd() {
        FrigateNvr nvr = Town.demo().nvr("nvr-01").orElseThrow();

        assertThat(nvr.cameras()).hasSize(10);
        assertThat(nvr.camera("cam-0101")).contains(new FrigateNvr.Camera("cam-0101", "cam-0101", 1920, 1080));
        assertThat(Secrets.matches("demo-nvr-01", Town.demo().device("nvr-01").orElseThrow().tokenHash())).isTrue();
    }

    @Test
    void shouldRefuseAMappingToACameraTheTownDoesNotHave() {
        assertThat(loadError("camera: cam-2,", "camera: cam-9,")).contains("nvr nvr-1 camera yard is mapped to unknown camera cam-9");
    }

    @Test
    void shouldRefuseATownCameraMappedTwiceAndAFrigateCameraListedTwice() {
        assertThat(loadError("camera: cam-2,", "camera: cam-1,")).contains("maps camera cam-1, which nvr nvr-1 maps already");
        assertThat(loadError("{frigate: yard,", "{frigate: front,")).contains("maps Frigate camera front twice");
    }

    @Test
    void shouldRefuseAMissingOrImpossibleDetectResolution() {
        assertThat(loadError("{width: 1280, height: 720}", "{width: 0, height: 720}")).contains("camera yard has detect resolution 0×720");
        assertThat(loadError("{width: 640, height: 480}", "{width: 640}")).contains("camera garage needs its detect resolution");
    }

    @Test
    void shouldRefuseATopicPrefixWithWildcardsOrGridwardensOwnTopics() {
        assertThat(loadError("tokenHash: sha256:02\n", "tokenHash: sha256:02\n    topicPrefix: frigate/#\n")).contains("topicPrefix \"frigate/#\"");
        assertThat(loadError("tokenHash: sha256:02\n", "tokenHash: sha256:02\n    topicPrefix: devices/nvr-1\n")).contains("topicPrefix");
    }

    @Test
    void shouldRefuseFetchingSnapshotsWithoutAnApiAndAnApiThatIsNotHttp() {
        assertThat(loadError("{api: \"http://10.0.0.5:5000/\", fetch: false}", "{fetch: true}")).contains("without snapshots.api");
        assertThat(loadError("http://10.0.0.5:5000/", "ftp://10.0.0.5/")).contains("snapshots.api ftp://10.0.0.5/");
        assertThat(loadError("fetch: false}", "fetch: true}\n  - id: nvr-2\n    tokenHash: sha256:03\n"
                + "    cameras: [{frigate: x, detect: {width: 1, height: 1}}]\n    snapshots: {api: \"file:///etc/passwd\", fetch: true}"))
                .contains("snapshots.api file:///etc/passwd");
    }

    @Test
    void shouldFetchSnapshotsOnlyWhenAskedTo() throws IOException {
        assertThat(load(TOWN).nvr("nvr-1").orElseThrow().fetchSnapshots()).isFalse();
        FrigateNvr fetching = load(TOWN.replace("fetch: false", "fetch: true")).nvr("nvr-1").orElseThrow();
        assertThat(fetching.fetchSnapshots()).isTrue();
        assertThat(fetching.snapshotApi()).isEqualTo("http://10.0.0.5:5000");
    }

    @Test
    void shouldRefuseAnNvrWithoutTokenOrWhoseIdIsAlreadyADevice() {
        assertThat(loadError("    tokenHash: sha256:02\n", "")).contains("nvr nvr-1 needs a tokenHash");
        assertThat(loadError("id: nvr-1", "id: cam-1")).contains("device id cam-1 is used twice");
    }
}
