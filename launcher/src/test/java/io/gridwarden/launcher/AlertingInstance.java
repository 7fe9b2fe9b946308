package io.gridwarden.launcher;

import io.gridwarden.testsupport.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code gridwarden alerting} process, started as a user would start it but as a child JVM of the test (the
 * launcher's test classpath), on a free loopback port, with a data directory of its own, over topics of the test broker.
 */
final class AlertingInstance implements AutoCloseable {

    static final String ADMIN_TOKEN = "demo-admin";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String instanceId;
    final int opsPort = ChildJvm.freePort();
    private final ChildJvm process;
    private final Path dataDir;

    private AlertingInstance(String instanceId, Path dir, List<String> more) {
        this.instanceId = instanceId;
        this.dataDir = dir.resolve(instanceId);
        List<String> args = new ArrayList<>(List.of("alerting", "--town", "classpath:towns/demo-town.yaml", "--host", "127.0.0.1",
                "--ops-port", "" + opsPort, "--instance-id", instanceId, "--data-dir", dataDir.toString()));
        args.addAll(more);
        this.process = ChildJvm.start("gridwarden alerting " + instanceId, dir.resolve(instanceId + ".log"), JVM_OPTIONS,
                Main.class.getName(), args);
    }

    /**
     * Starts {@code gridwarden alerting} with {@code args} (the Kafka and topic options) and, unless they name one, the town
     * topic paired with their events topic ({@link KafkaIngestFixtures#withTownTopic}); {@link #awaitReady} waits for it.
     */
    static AlertingInstance start(String instanceId, Path dir, String... args) {
        List<String> given = List.of(args);
        return new AlertingInstance(instanceId, dir, KafkaIngestFixtures.withTownTopic(given.get(given.indexOf("--kafka-bootstrap") + 1),
                given.get(given.indexOf("--events-topic") + 1), given));
    }

    String opsUrl() {
        return "http://127.0.0.1:" + opsPort;
    }

    /** Waits until {@code /health/ready} answers 200: the API listens and the actions topic was read to its end. */
    AlertingInstance awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (status("/health/ready") != 200) {
            process.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name + " not ready after " + READY_TIMEOUT + "\n" + process.tail(60));
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** {@code GET path} as the demo's admin: the response, or null while nothing listens. */
    HttpResponse<String> get(String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(opsUrl() + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListening) {
            return null;
        }
    }

    /** {@code POST path} as the demo's admin, with {@code body} of {@code contentType}. */
    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(opsUrl() + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int status(String path) throws InterruptedException {
        HttpResponse<String> response = get(path);
        return response == null ? 0 : response.statusCode();
    }

    /** {@code kill -9}: no shutdown hook runs, the group learns of it only when its session times out. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** What the process has logged so far. */
    String output() {
        return process.output();
    }

    String tail(int lines) {
        return process.tail(lines);
    }

    /** Stops it and removes what a kill left of its temporary files, as its next start would. */
    @Override
    public void close() throws InterruptedException {
        process.close();
        TempPlaces.removeLeftovers(dataDir);
    }
}
