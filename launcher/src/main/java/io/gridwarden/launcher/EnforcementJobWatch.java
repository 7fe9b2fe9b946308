package io.gridwarden.launcher;

import io.gridwarden.common.health.ReadinessDependency;
import java.time.Clock;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the enforcement job of the one-process run. A job that ends while gridwarden runs (cancelled,
 * failed past its restarts, or finished) decides nothing more: that is logged at ERROR and every
 * service's readiness turns DOWN, naming the job, until gridwarden is restarted.
 */
final class EnforcementJobWatch implements ReadinessDependency {

    static final String PART = "enforcementJob";
    private static final Logger LOG = LoggerFactory.getLogger(EnforcementJobWatch.class);

    private final String job;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile boolean ended;
    private volatile String problem;

    private EnforcementJobWatch(String job, Clock clock) {
        this.job = job;
        this.clock = clock;
    }

    /** Starts watching {@code client}'s job, called {@code name} in what the watch says. */
    static EnforcementJobWatch watch(JobClient client, String name, Clock clock) {
        var watch = new EnforcementJobWatch(name + " (" + client.getJobID() + ")", clock);
        client.getJobExecutionResult().whenComplete((result, failure) -> watch.ended(failure));
        return watch;
    }

    /** gridwarden is stopping and cancels the job itself: its end is expected. */
    void stopping() {
        stopping = true;
    }

    @Override
    public String name() {
        return PART;
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Whether the job has ended (then there is nothing left to cancel). */
    boolean ended() {
        return ended;
    }

    private void ended(Throwable failure) {
        ended = true;
        if (stopping) {
            return;
        }
        boolean cancelled = isCancellation(failure);
        problem = "the enforcement job " + job + " " + how(failure) + " at " + clock.instant()
                + ": no violations are detected or dispatched. Restart gridwarden: the job resumes from its last checkpoint"
                + " and catches up on the events stored meanwhile.";
        if (failure == null || cancelled) {
            LOG.error("ENFORCEMENT JOB STOPPED: {}", problem);
        } else {
            LOG.error("ENFORCEMENT JOB STOPPED: {}", problem, failure);
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
        return "failed for good (its restarts are used up; gridwarden's log says why)";
    }
}
