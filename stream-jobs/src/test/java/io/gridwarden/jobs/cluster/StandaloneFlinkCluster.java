package io.gridwarden.jobs.cluster;

import io.gridwarden.testsupport.ChildJvm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Flink session cluster, one job manager and one task manager, each a child JVM started as
 * {@code bin/start-cluster.sh} starts them ({@code StandaloneSessionClusterEntrypoint} and
 * {@code TaskManagerRunner} with {@code --configDir}); jobs are submitted as {@code bin/flink run} does,
 * through {@code CliFrontend} in a third JVM.
 *
 * <p>flink-dist is not on Maven Central, so the cluster's classpath is this test's classpath less what
 * a distribution's {@code lib/} would not hold: our own code, Kafka and everything else the job jar has
 * to bring. A job that runs here therefore found its connector and kafka-clients in the job jar.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern SUBMITTED = Pattern.compile("JobID ([0-9a-f]{32})");
    /** Path fragments of classpath entries a Flink distribution does not have; the job jar must bring these. */
    private static final List<String> NOT_IN_FLINK_DIST = List.of("/target/", "/io/gridwarden/", "/org/apache/kafka/",
            "flink-connector-kafka", "/org/scala-lang/", "/com/typesafe/", "/io/cloudevents/", "/com/fasterxml/jackson/",
            "/io/prometheus/", "/com/github/luben/", // zstd-jni: kafka-clients' (lz4 and snappy are Flink's too)
            "-tests.jar", "/flink-test-utils"); // Flink's test jars register test file systems and token receivers
    /** What the distribution's config.yaml sets in env.java.opts.all for Java 17. */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    final int restPort;
    final Path confDir;
    final Path checkpointDir;
    private final Path workDir;
    private final List<ChildJvm> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private StandaloneFlinkCluster(Path workDir, int restPort) {
        this.workDir = workDir;
        this.restPort = restPort;
        this.confDir = workDir.resolve("flink-conf");
        this.checkpointDir = workDir.resolve("flink-checkpoints");
    }

    /** Writes the configuration and starts the job manager and the task manager; {@link #awaitSlots} waits for them. */
    static StandaloneFlinkCluster launch(Path workDir) throws IOException {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(workDir, ChildJvm.freePort());
        Files.createDirectories(cluster.confDir);
        Files.writeString(cluster.confDir.resolve("config.yaml"), StandaloneFlinkConfig.configYaml(cluster.restPort,
                ChildJvm.freePort(), cluster.checkpointDir, Files.createDirectories(workDir.resolve("flink-tmp"))));
        Files.writeString(cluster.confDir.resolve("log4j.properties"), StandaloneFlinkConfig.LOG4J);
        cluster.processes.add(cluster.start("flink jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("-Xmx512m"), List.of("--configDir", cluster.confDir.toString())));
        cluster.processes.add(cluster.start("flink taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                StandaloneFlinkConfig.TASK_MANAGER_JVM, List.of("--configDir", cluster.confDir.toString())));
        return cluster;
    }

    private ChildJvm start(String name, String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> options = new ArrayList<>(JAVA_17_OPENS);
        options.addAll(jvmOptions);
        options.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        return ChildJvm.start(name, workDir.resolve(name.replace(' ', '-') + ".log"), distributionClasspath(), options, mainClass, args,
                Map.of("FLINK_CONF_DIR", confDir.toString()));
    }

    static List<String> distributionClasspath() {
        return ChildJvm.testClasspath().stream()
                .filter(entry -> NOT_IN_FLINK_DIST.stream().noneMatch(entry.replace('\\', '/')::contains))
                .toList();
    }

    /** Waits until the task manager has registered its slots with the job manager. */
    void awaitSlots(int slots) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            processes.forEach(ChildJvm::checkAlive);
            JsonNode overview = getOrNull("/overview");
            if (overview != null && overview.path("slots-total").asInt() >= slots) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not offer " + slots + " slots within " + START_TIMEOUT + "\n" + diagnostics());
    }

    /** {@code flink run -d -m <rest> -c mainClass jar args…}; returns the job id the client printed. */
    String submit(Path jobJar, String mainClass, List<String> args) throws Exception {
        List<String> cli = new ArrayList<>(List.of("run", "-d", "-m", "127.0.0.1:" + restPort, "-c", mainClass, jobJar.toString()));
        cli.addAll(args);
        try (ChildJvm client = start("flink run", "org.apache.flink.client.cli.CliFrontend", List.of("-Xmx256m"), cli)) {
            int exit = client.awaitExit(SUBMIT_TIMEOUT);
            Matcher submitted = SUBMITTED.matcher(client.output());
            if (exit != 0 || !submitted.find()) {
                throw new IllegalStateException("flink run exited with " + exit + " without submitting the job\n" + client.tail(80));
            }
            return submitted.group(1);
        }
    }

    /** The job's entry in {@code GET /jobs/overview} (state, tasks), or a missing node if the cluster does not list it. */
    JsonNode jobOverview(String jobId) throws Exception {
        JsonNode overview = getOrNull("/jobs/overview");
        if (overview != null) {
            for (JsonNode job : overview.path("jobs")) {
                if (jobId.equals(job.path("jid").asText())) {
                    return job;
                }
            }
        }
        return json.missingNode();
    }

    /** Waits until the job is RUNNING with every task running (the sources are reading). */
    JsonNode awaitAllTasksRunning(String jobId) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        JsonNode job = json.missingNode();
        while (System.nanoTime() < deadline) {
            job = jobOverview(jobId);
            JsonNode tasks = job.path("tasks");
            if ("RUNNING".equals(job.path("state").asText()) && tasks.path("total").asInt() > 0
                    && tasks.path("running").asInt() == tasks.path("total").asInt()) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("job " + jobId + " not running within " + START_TIMEOUT + ": " + job + "\n" + diagnostics());
    }

    private JsonNode getOrNull(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException notUpYet) {
            return null;
        }
    }

    /** The tails of the job manager's and task manager's logs, for a failure message. */
    String diagnostics() {
        StringBuilder text = new StringBuilder();
        processes.forEach(p -> text.append(p.tail(80)).append('\n'));
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close(); // task manager first, as stop-cluster.sh does
        }
    }
}
