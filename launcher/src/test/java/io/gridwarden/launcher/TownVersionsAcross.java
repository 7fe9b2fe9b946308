package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Town versions across the instances of a scale-out deployment ({@link ClusterTopology}): versions that add cameras
 * (each with the demo-style token {@code demo-<id>}), submitted to two alerting instances at once, and what each instance
 * then knows of them.
 */
final class TownVersionsAcross {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final DemoEvents EVENTS = new DemoEvents("town-versions-across");

    private TownVersionsAcross() {}

    /** {@code town} with cameras {@code ids} added (hecun's, silent for an hour before they count as offline). */
    static String withCameras(String town, String... ids) {
        StringBuilder added = new StringBuilder();
        for (String id : ids) {
            added.append("  - id: ").append(id).append("\n    lat: 28.7405\n    lon: 118.586\n    jurisdiction: hecun\n    grid: hecun-g02\n")
                    .append("    offlineAfter: 1h\n    tokenHash: ").append(Secrets.hash(DeviceClient.demoToken(id))).append('\n')
                    .append("    zones:\n      - {id: z-parking, category: illegal_parking, polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]]}\n");
        }
        int cameras = town.indexOf("cameras:\n") + "cameras:\n".length();
        assertThat(cameras).as("the town's cameras").isGreaterThan("cameras:\n".length() - 1);
        return town.substring(0, cameras) + added + town.substring(cameras);
    }

    /** {@code POST /v1/town/versions} of each text to its instance, all at once; the answers in the same order. */
    static List<HttpResponse<String>> submitAtOnce(Map<AlertingInstance, String> submissions) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        submissions.forEach((instance, text) -> answers.add(CompletableFuture.supplyAsync(() -> {
            try {
                return instance.post("/v1/town/versions", "application/yaml", text);
            } catch (Exception e) {
                throw new IllegalStateException("submitting to " + instance.instanceId, e);
            }
        })));
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /** The instance's versions, by number: each one's sha256 ({@code GET /v1/town/versions}; version 0 left out). */
    static Map<Long, String> versions(AlertingInstance instance) throws InterruptedException {
        HttpResponse<String> listed = instance.get("/v1/town/versions");
        assertThat(listed).isNotNull();
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        Map<Long, String> versions = new TreeMap<>();
        new JsonObject(listed.body()).getJsonArray("versions").stream().map(JsonObject.class::cast).filter(v -> v.getLong("version") > 0)
                .forEach(v -> versions.put(v.getLong("version"), v.getString("sha256")));
        return versions;
    }

    /** Waits until {@code instance} lists exactly {@code expected}. */
    static void awaitVersions(AlertingInstance instance, Map<Long, String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!versions(instance).equals(expected)) {
            assertThat(System.nanoTime()).as("%s lists %s within %s; it lists %s", instance.instanceId, expected, WITHIN, versions(instance))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** What ingest answers a frame from {@code camera} (with its demo token): 202 admitted, 401 unknown. */
    static int frameStatus(IngestInstance ingest, String camera) throws Exception {
        return new DeviceClient(ingest.ingestUrl()).send(DeviceClient.demoToken(camera), List.of(EVENTS.frame(camera, Instant.now(), List.of())))
                .status();
    }

    /** Waits until ingest admits a frame from {@code camera}. */
    static void awaitAdmitted(IngestInstance ingest, String camera) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (frameStatus(ingest, camera) != 202) {
            assertThat(System.nanoTime()).as("ingest %s admits %s within %s", ingest.instanceId, camera, WITHIN).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
