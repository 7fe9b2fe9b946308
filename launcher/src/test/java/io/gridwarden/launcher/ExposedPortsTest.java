package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.EmbeddedJobRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real process exposes: the device and operations ports, nothing else beyond loopback. Flink's
 * REST API (which cancels jobs and writes savepoints for anyone, unauthenticated) exists only when asked
 * for, on loopback; a job that ends anyway turns readiness DOWN.
 */
@DisplayName("gridwarden's listening ports")
class ExposedPortsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("Only the device and operations ports listen beyond loopback; Flink serves no REST API and its blob server is on loopback")
    void shouldListenBeyondLoopbackOnlyOnTheDeviceAndOperationsPorts() throws Exception {
        try (var gridwarden = new GridwardenProcess(dataDir, "http://127.0.0.1:9", output("ports")).start(List.of("--host", "0.0.0.0"))) {
            List<InetSocketAddress> listening = ListeningSockets.of(gridwarden.pid());
            Set<Integer> documented = Set.of(gridwarden.ingestPort, gridwarden.mqttPort, gridwarden.opsPort);

            assertThat(ports(listening.stream().filter(a -> !ListeningSockets.isLoopback(a)).toList()))
                    .as("ports beyond loopback in %s", listening).isEqualTo(documented);
            List<InetSocketAddress> others = listening.stream().filter(a -> !documented.contains(a.getPort())).toList();
            assertThat(others).as("Flink's blob server, and no REST endpoint").hasSize(1);
            assertThat(answersHttp(others.get(0).getPort())).as("Flink's REST API on port %d", others.get(0).getPort()).isFalse();
        }
    }

    @Test
    @DisplayName("--flink-web-port serves Flink's REST API on loopback; cancelling the job there turns both readiness checks 503, naming the job, and logs an ERROR")
    void shouldTurnReadinessDownNamingTheJobWhenItIsCancelled() throws Exception {
        int webPort = GridwardenProcess.freePort();
        try (var gridwarden = new GridwardenProcess(dataDir, "http://127.0.0.1:9", output("cancel"))
                .start(List.of("--host", "0.0.0.0", "--flink-web-port", "" + webPort))) {
            assertThat(ListeningSockets.of(gridwarden.pid())).filteredOn(a -> a.getPort() == webPort)
                    .isNotEmpty().allMatch(ListeningSockets::isLoopback);

            HttpResponse<String> cancel = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/jobs/"
                    + EmbeddedJobRunner.JOB_ID + "?mode=cancel")).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);

            for (String service : List.of(gridwarden.ingestUrl(), gridwarden.opsUrl())) {
                HttpResponse<String> ready = awaitNotReady(service);
                assertThat(ready.body()).contains("\"enforcementJob\"").contains(EmbeddedJobRunner.JOB_NAME).contains("was cancelled");
            }
            assertThat(gridwarden.output()).containsPattern("ERROR .*ENFORCEMENT JOB STOPPED: the enforcement job "
                    + EmbeddedJobRunner.JOB_NAME + ".* was cancelled");
        }
    }

    private static HttpResponse<String> awaitNotReady(String service) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(service + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == 503 || Instant.now().isAfter(deadline)) {
                assertThat(ready.statusCode()).as("%s/health/ready: %s", service, ready.body()).isEqualTo(503);
                return ready;
            }
            Thread.sleep(200);
        }
    }

    /** Whether an HTTP request to {@code port} gets an HTTP reply (Flink's blob server closes on one). */
    private static boolean answersHttp(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException closed) {
            return false;
        }
    }

    private static Set<Integer> ports(List<InetSocketAddress> addresses) {
        return addresses.stream().map(InetSocketAddress::getPort).collect(Collectors.toSet());
    }

    static Path output(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "e2e")).resolve(name + "-" + System.nanoTime() + ".log");
    }
}
