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
 * One {@code gridwarden ingest} process, started as a user would start it but as a child JVM of the test (the
 * launcher's test classpath), on free loopback ports, over a topic of the test broker, one endpoint instance each.
 */
final class IngestInstance implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String instanceId;
    final int ingestPort = ChildJvm.freePort();
    final int mqttPort = ChildJvm.freePort();
    private final ChildJvm process;

    private IngestInstance(String instanceId, Path output, String town, List<String> kafkaArgs) {
        this.instanceId = instanceId;
        List<String> args = new ArrayList<>(List.of("ingest", "--town", town, "--host", "127.0.0.1",
                "--ingest-port", "" + ingestPort, "--mqtt-port", "" + mqttPort, "--ingest-instances", "1", "--instance-id", instanceId,
                "--command-secret-file", TestSecrets.commandSecretFile()));
        args.addAll(kafkaArgs);
        this.process = ChildJvm.start("gridwarden ingest " + instanceId, output, JVM_OPTIONS, Main.class.getName(), args);
    }

    /**
     * Starts {@code gridwarden ingest} over {@code topic} (of {@code partitions}) and, unless {@code more} names one, the
     * town topic paired with it ({@link KafkaIngestFixtures#withTownTopic}); {@link #awaitReady} waits for it.
     */
    static IngestInstance start(String instanceId, Path output, String bootstrap, String topic, int partitions, String... more) {
        return start(instanceId, output, "classpath:towns/demo-town.yaml", bootstrap, topic, partitions, more);
    }

    /** The same with the town file {@code town}. */
    static IngestInstance start(String instanceId, Path output, String town, String bootstrap, String topic, int partitions,
            String... more) {
        List<String> args = new ArrayList<>(List.of("--kafka-bootstrap", bootstrap, "--events-topic", topic,
                "--event-partitions", "" + partitions));
        args.addAll(KafkaIngestFixtures.withTownTopic(bootstrap, topic, List.of(more)));
        return new IngestInstance(instanceId, output, town, args);
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    /** Waits until {@code /health/ready} answers 200: both endpoints listen and the broker answers. */
    IngestInstance awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (readyStatus() != 200) {
            if (!process.alive()) {
                throw new IllegalStateException(process.name + " exited\n" + process.tail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name + " not ready after " + READY_TIMEOUT + "\n" + process.tail(60));
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** {@code GET path}: the response, or null while nothing listens. */
    HttpResponse<String> get(String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(ingestUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListening) {
            return null;
        }
    }

    /** {@code GET /metrics} as the demo town's Prometheus (an operator of role metrics), or null while nothing listens. */
    HttpResponse<String> scrape() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(ingestUrl() + "/metrics")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer demo-prometheus").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListening) {
            return null;
        }
    }

    int readyStatus() throws InterruptedException {
        HttpResponse<String> response = get("/health/ready");
        return response == null ? 0 : response.statusCode();
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.kill();
    }

    String tail(int lines) {
        return process.tail(lines);
    }

    /** Stops it and removes what killed ingest processes left of their temporary files, as the next start would. */
    @Override
    public void close() throws InterruptedException {
        process.close();
        TempPlaces.removeIngestLeftovers();
    }

    /** Its temporary directory while it runs. */
    Path temporaryDirectory() {
        return TempPlaces.ingest().resolve(Long.toString(process.pid()));
    }
}
