package io.gridwarden.launcher;

import io.gridwarden.testsupport.ChildJvm;
import io.gridwarden.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gridwarden process, started as a user would start it ({@code gridwarden run}) but as a
 * child JVM of the test, on free loopback ports, without the simulator, with commands going to the
 * test's own device gateway.
 */
final class GridwardenProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final int ingestPort;
    final int opsPort;
    final int mqttPort;
    private final Path dataDir;
    private final String commandGateway;
    private final Path output;
    private boolean hostOption = true;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    GridwardenProcess(Path dataDir, String commandGateway, Path output) throws IOException {
        this.dataDir = dataDir;
        this.commandGateway = commandGateway;
        this.output = output;
        this.ingestPort = freePort();
        this.opsPort = freePort();
        this.mqttPort = freePort();
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    String opsUrl() {
        return "http://127.0.0.1:" + opsPort;
    }

    /** Starts it without {@code --host}, as a user who did not choose would. */
    GridwardenProcess withoutHostOption() {
        hostOption = false;
        return this;
    }

    /** Starts it with these environment variables besides the test's own. */
    GridwardenProcess withEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    long pid() {
        return process.pid();
    }

    /** What the process has written so far (stdout and stderr). */
    String output() throws IOException {
        return Files.readString(output);
    }

    GridwardenProcess start() throws Exception {
        return start(List.of());
    }

    /** Starts it with {@code extraArgs} after the usual ones; with {@code --ingest-only} only ingest's port is awaited. */
    GridwardenProcess start(List<String> extraArgs) throws Exception {
        List<String> command = ChildJvm.javaCommand();
        command.addAll(List.of("-Xmx768m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                "--data-dir", dataDir.toString(),
                "--ingest-port", "" + ingestPort, "--mqtt-port", "" + mqttPort, "--ops-port", "" + opsPort,
                "--no-simulator", "--command-gateway", commandGateway, "--checkpoint-interval", "PT1S", "--ingest-instances", "2"));
        if (hostOption && !extraArgs.contains("--host")) {
            command.addAll(List.of("--host", "127.0.0.1"));
        }
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        try {
            awaitReady(extraArgs.contains("--ingest-only") ? List.of(ingestUrl()) : List.of(ingestUrl(), opsUrl()));
        } catch (Exception | AssertionError notReady) {
            close(); // the caller never gets this object to close
            throw notReady;
        }
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing but what is already on disk survives. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitReady(List<String> services) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        for (String url : services.stream().map(service -> service + "/health/ready").toList()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("gridwarden exited with " + process.exitValue() + "; see " + output);
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(url + " not ready after " + READY_TIMEOUT + "; see " + output);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 30 s) and removes what a kill left of its temporary files, as its next start would. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (process != null && !process.isAlive()) {
            TempPlaces.removeLeftovers(dataDir);
        }
    }

    static int freePort() {
        return FreePorts.next();
    }
}
