package io.gridwarden.launcher;

import io.gridwarden.common.health.ReadinessDependency;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the enforcement job of the one-process run; every service's readiness is DOWN, naming the job,
 * while it does not run. A job that ends while gridwarden runs (cancelled, failed in a way no restart
 * mends, or finished) decides nothing more until gridwarden is restarted: that is logged at ERROR. A job
 * that is restarting after a failure (it does so by itself, see the runner) is logged at WARN.
 */
final class EnforcementJobWatch implements ReadinessDependency, AutoCloseable {

    static final String PART = "enforcementJob";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(EnforcementJobWatch.class);

    private final JobClient client;
    private final String job;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "enforcement-job-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private volatile boolean ended;
    private volatile String endedProblem;
    private volatile String notRunning;
    private volatile boolean restarting;

    private EnforcementJobWatch(JobClient client, String job, Clock clock) {
        this.client = client;
        this.job = job;
        this.clock = clock;
        this.notRunning = "the enforcement job " + job + " is starting";
    }

    /** Starts watching {@code client}'s job, called {@code name} in what the watch says. */
    static EnforcementJobWatch watch(JobClient client, String name, Clock clock) {
        var watch = new EnforcementJobWatch(client, name + " (" + client.getJobID() + ")", clock);
        client.getJobExecutionResult().whenComplete((result, failure) -> watch.ended(failure));
        watch.poller.scheduleWithFixedDelay(watch::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** gridwarden is stopping and cancels the job itself: its end is expected. */
    void stopping() {
        stopping = true;
        poller.shutdownNow();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** Whether the job has ended (then there is nothing left to cancel). */
    boolean ended() {
        return ended;
    }

    @Override
    public String name() {
        return PART;
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(endedProblem != null ? endedProblem : notRunning);
    }

    private void poll() {
        if (ended) {
            return;
        }
        try {
            statusIs(client.getJobStatus().get(POLL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception unknownForNow) {
            // the cluster is busy or shutting down: the next poll, or the job's end, tells
        }
    }

    private void statusIs(JobStatus status) {
        if (status == JobStatus.RUNNING) {
            if (restarting) {
                LOG.info("The enforcement job {} runs again.", job);
            }
            restarting = false;
            notRunning = null;
        } else if ((status == JobStatus.RESTARTING || status == JobStatus.FAILING) && !restarting) {
            restarting = true;
            notRunning = "the enforcement job " + job + " is restarting after a failure since " + clock.instant()
                    + " (gridwarden's log says why); it resumes from its last checkpoint by itself";
            LOG.warn("The enforcement job {} failed and is restarting from its last checkpoint; readiness is DOWN until it runs.", job);
        }
    }

    private void ended(Throwable failure) {
        ended = true;
        poller.shutdownNow();
        if (stopping) {
            return;
        }
        boolean cancelled = isCancellation(failure);
        endedProblem = "the enforcement job " + job + " " + how(failure) + " at " + clock.instant()
                + ": no violations are detected or dispatched. Restart gridwarden: the job resumes from its last checkpoint"
                + " and catches up on the events stored meanwhile.";
        if (failure == null || cancelled) {
            LOG.error("ENFORCEMENT JOB STOPPED: {}", endedProblem);
        } else {
            LOG.error("ENFORCEMENT JOB STOPPED: {}", endedProblem, failure);
        }
    }

    private static boolean isCancellation(Throwable failure) {
        return failure != null && ExceptionUtils.findThrowable(failure, JobCancellationException.class).isPresent();
    }

    static String how(Throwable failure) {
        if (failure == null) {
            return "finished";
        }
        if (isCancellation(failure)) {
            return "was cancelled";
        }
        return "failed in a way restarting does not mend (gridwarden's log says why)";
    }
}
