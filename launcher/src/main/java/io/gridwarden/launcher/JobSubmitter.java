package io.gridwarden.launcher;

import io.gridwarden.jobs.EmbeddedJobRunner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;

/**
 * Submits the enforcement job to a running Flink session cluster as {@code flink run -d} does, through Flink's
 * own client ({@link RestClusterClient}): the job graph is built here by running {@link JobSubmitSettings#ENTRY_CLASS}
 * from the job jar, and sent with the jar to the job manager's REST endpoint. Refuses (a
 * {@link StartRefusedException}) when the job manager does not answer, when the job already runs there, or when
 * the job's own options are refused; returns once the cluster runs the job.
 */
final class JobSubmitter {

    private static final Duration POLL = Duration.ofMillis(250);

    private JobSubmitter() {}

    /** The submitted job's id, once the cluster reports it running. */
    static JobID submit(JobSubmitSettings s) throws Exception {
        Configuration config = flinkConfiguration(s);
        try (RestClusterClient<StandaloneClusterId> client = new RestClusterClient<>(config, StandaloneClusterId.getInstance())) {
            Optional<JobStatusMessage> running = alreadyRunning(client, s);
            if (running.isPresent()) {
                throw JobPreflight.refused("the job " + EmbeddedJobRunner.JOB_NAME + " already runs on " + s.jobManager() + " as job "
                        + running.get().getJobId() + ": two would act on every event twice. Stop it first (flink stop --savepointPath"
                        + " <dir> " + running.get().getJobId() + ", then resubmit with -s <savepoint>), or cancel it", null);
            }
            JobGraph job = jobGraph(s, config);
            JobID id = await(client.submitJob(job), s, "accept the job");
            awaitRunning(client, id, s);
            return id;
        }
    }

    private static Configuration flinkConfiguration(JobSubmitSettings s) {
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, s.host());
        config.set(RestOptions.PORT, s.port());
        config.set(RestOptions.RETRY_MAX_ATTEMPTS, 2);
        config.set(RestOptions.RETRY_DELAY, Duration.ofMillis(500));
        config.set(RestOptions.CONNECTION_TIMEOUT, s.timeout());
        if (s.checkpointDir() != null) {
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.checkpointDir());
        }
        if (s.checkpointInterval() != null) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, s.checkpointInterval());
        }
        if (s.parallelism() != null) {
            config.set(CoreOptions.DEFAULT_PARALLELISM, s.parallelism());
        }
        return config;
    }

    /** The enforcement job if the cluster runs it (in any state but a terminal one); refuses when nobody answers. */
    private static Optional<JobStatusMessage> alreadyRunning(RestClusterClient<?> client, JobSubmitSettings s) throws Exception {
        Collection<JobStatusMessage> jobs;
        try {
            jobs = client.listJobs().get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw JobPreflight.refused("no Flink job manager answered at " + s.jobManager() + " within " + s.timeout().toSeconds()
                    + " s: check that --jobmanager is the job manager's REST address (rest.address:rest.port, 8081 by default),"
                    + " that it runs, and that this host can reach it", e);
        }
        return jobs.stream().filter(j -> EmbeddedJobRunner.JOB_NAME.equals(j.getJobName()))
                .filter(j -> !j.getJobState().isGloballyTerminalState()).findFirst();
    }

    /**
     * Runs the entry class from the job jar against a plan-only environment; its options' mistakes are refusals.
     * Unlike the {@code flink} client, this process has the Kafka connector and kafka-clients on its own classpath
     * (ingest uses them), and Flink loads the connector parent-first: kafka-clients must come from the same loader,
     * or the job jar's copy and this one's meet in one signature. The job's own classes still come from the jar.
     */
    private static JobGraph jobGraph(JobSubmitSettings s, Configuration config) throws ProgramInvocationException {
        Configuration loading = new Configuration(config);
        loading.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("org.apache.kafka."));
        PackagedProgram program = PackagedProgram.newBuilder().setJarFile(s.jobJar().toFile())
                .setEntryPointClassName(JobSubmitSettings.ENTRY_CLASS)
                .setArguments(s.jobArguments().toArray(String[]::new)).setConfiguration(loading).build();
        try {
            return PackagedProgramUtils.createJobGraph(program, config, s.parallelism() == null ? -1 : s.parallelism(), false);
        } catch (ProgramInvocationException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw JobPreflight.refused("the job refused its options: " + cause.getMessage(), e);
        } finally {
            program.close();
        }
    }

    private static void awaitRunning(RestClusterClient<?> client, JobID id, JobSubmitSettings s) throws Exception {
        long deadline = System.nanoTime() + s.timeout().toNanos();
        JobStatus status = await(client.getJobStatus(id), s, "report the job's state");
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + id + " is " + status + " on " + s.jobManager()
                        + ", not running: see the job manager's log or its web UI at http://" + s.jobManager() + "/#/job/" + id);
            }
            Thread.sleep(POLL.toMillis());
            status = await(client.getJobStatus(id), s, "report the job's state");
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, JobSubmitSettings s, String what) throws Exception {
        try {
            return future.get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the job manager at " + s.jobManager() + " did not " + what + " within "
                    + s.timeout().toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }
}
