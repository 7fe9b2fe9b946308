package io.gridwarden.testsupport;

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
 * through {@code CliFrontend} in a third JVM. The classpath is {@link FlinkDistribution}'s pick of this
 * JVM's. {@link #killTaskManager} and {@link #startTaskManager} take the task manager away and bring a new one.
 */
public final class FlinkSessionCluster implements AutoCloseable {

    /** Generous: on a two-core machine shared with other test runs a JVM's start alone has taken 45 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern SUBMITTED = Pattern.compile("JobID ([0-9a-f]{32})");
    public final int restPort;
    public final Path confDir;
    public final Path checkpointDir;
    private final Path workDir;
    private final List<String> classpath;
    private final List<SupervisedJvm> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The task managers started and not killed, oldest first. */
    private final List<SupervisedJvm> taskManagers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int taskManagersStarted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private FlinkSessionCluster(Path workDir, int restPort, List<String> classpath) {
        this.workDir = workDir;
        this.classpath = classpath;
        this.restPort = restPort;
        this.confDir = workDir.resolve("flink-conf");
        this.checkpointDir = workDir.resolve("flink-checkpoints");
    }

    /** {@link #launch(Path, List)} on the distribution's part of this JVM's classpath. */
    public static FlinkSessionCluster launch(Path workDir) throws IOException {
        return launch(workDir, FlinkSessionConfig.SLOTS);
    }

    /** As {@link #launch(Path)}, with a task manager of {@code slots} slots. */
    public static FlinkSessionCluster launch(Path workDir, int slots) throws IOException {
        return launch(workDir, FlinkDistribution.classpath(ChildJvm.testClasspath()), slots);
    }

    /**
     * Writes the configuration and starts the job manager, then, once it answers, the task manager; {@link #awaitSlots}
     * waits for them. One after the other: each starts an RPC system that gives up after 10 s, and two JVMs starting
     * at once on a busy two-core machine can take longer than that.
     */
    public static FlinkSessionCluster launch(Path workDir, List<String> classpath) throws IOException {
        return launch(workDir, classpath, FlinkSessionConfig.SLOTS);
    }

    private static FlinkSessionCluster launch(Path workDir, List<String> classpath, int slots) throws IOException {
        FlinkSessionCluster cluster = new FlinkSessionCluster(workDir, ChildJvm.freePort(), classpath);
        Files.createDirectories(cluster.confDir);
        Files.writeString(cluster.confDir.resolve("config.yaml"), FlinkSessionConfig.configYaml(cluster.restPort,
                ChildJvm.freePort(), cluster.checkpointDir, Files.createDirectories(workDir.resolve("flink-tmp")), slots));
        Files.writeString(cluster.confDir.resolve("log4j.properties"), FlinkSessionConfig.LOG4J);
        cluster.processes.add(cluster.start("flink jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("-Xmx512m"), List.of("--configDir", cluster.confDir.toString())));
        Thread taskManagerStart = new Thread(() -> {
            if (cluster.awaitJobManager()) {
                cluster.startTaskManager();
            }
        }, "flink taskmanager start");
        taskManagerStart.setDaemon(true);
        taskManagerStart.start();
        return cluster;
    }

    /** Whether the job manager answers on its REST port (it starts its RPC system first) before it dies or times out. */
    private boolean awaitJobManager() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (getOrNull("/overview") != null) {
                    return true;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Starts a task manager: the first, or a replacement (before or after {@link #killTaskManager}); it offers its
     * slots once registered.
     */
    public void startTaskManager() {
        taskManagersStarted++;
        SupervisedJvm taskManager = start("flink taskmanager" + (taskManagersStarted == 1 ? "" : " " + taskManagersStarted),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", FlinkSessionConfig.TASK_MANAGER_JVM,
                List.of("--configDir", confDir.toString()));
        taskManagers.add(taskManager);
        processes.add(taskManager);
    }

    /**
     * Kills the oldest task manager (the one the job was first deployed to) as {@code kill -9} does: its tasks,
     * their state and its slots are gone at once.
     */
    public void killTaskManager() throws InterruptedException {
        SupervisedJvm taskManager = taskManagers.remove(0);
        taskManager.kill();
        processes.remove(taskManager);
    }

    /** The job manager's REST address, as {@code flink run -m} and {@code gridwarden jobs submit} take it. */
    public String restAddress() {
        return "127.0.0.1:" + restPort;
    }

    /** The process, started again should it exit on its own ({@link SupervisedJvm}); its output in {@code <name>.log}. */
    private SupervisedJvm start(String name, String mainClass, List<String> jvmOptions, List<String> args) {
        return new SupervisedJvm(() -> childJvm(name, mainClass, jvmOptions, args));
    }

    private ChildJvm childJvm(String name, String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> options = new ArrayList<>(FlinkDistribution.JAVA_17_OPENS);
        options.addAll(jvmOptions);
        options.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        return ChildJvm.start(name, workDir.resolve(name.replace(' ', '-') + ".log"), classpath, options, mainClass, args,
                Map.of("FLINK_CONF_DIR", confDir.toString()));
    }

    /** Waits until the task manager has registered its slots with the job manager. */
    public void awaitSlots(int slots) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            processes.forEach(SupervisedJvm::checkAlive);
            JsonNode overview = getOrNull("/overview");
            if (overview != null && overview.path("slots-total").asInt() >= slots) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not offer " + slots + " slots within " + START_TIMEOUT + "\n" + diagnostics());
    }

    /** {@code flink run -d -m <rest> -c mainClass jar args…}; returns the job id the client printed. */
    public String submit(Path jobJar, String mainClass, List<String> args) throws Exception {
        List<String> cli = new ArrayList<>(List.of("run", "-d", "-m", "127.0.0.1:" + restPort, "-c", mainClass, jobJar.toString()));
        cli.addAll(args);
        try (ChildJvm client = childJvm("flink run", "org.apache.flink.client.cli.CliFrontend", List.of("-Xmx256m"), cli)) {
            int exit = client.awaitExit(SUBMIT_TIMEOUT);
            Matcher submitted = SUBMITTED.matcher(client.output());
            if (exit != 0 || !submitted.find()) {
                throw new IllegalStateException("flink run exited with " + exit + " without submitting the job\n" + client.tail(80));
            }
            return submitted.group(1);
        }
    }

    /** The job's entry in {@code GET /jobs/overview} (state, tasks), or a missing node if the cluster does not list it. */
    public JsonNode jobOverview(String jobId) throws Exception {
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
    public JsonNode awaitAllTasksRunning(String jobId) throws Exception {
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
    public String diagnostics() {
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
