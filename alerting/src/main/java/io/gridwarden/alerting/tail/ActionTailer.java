package io.gridwarden.alerting.tail;

import io.gridwarden.alerting.metrics.AlertingMetrics;
import io.gridwarden.alerting.delivery.CommandDelivery;
import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.alerting.delivery.ExpiredWarnings;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Follows the action log from where the violation store stopped (not from the start): each page is
 * applied to the store on a worker in one atomic batch with its last offset ({@link PageApplier}),
 * then its commands go to delivery and its acknowledgements stop deliveries, on alerting's context.
 * Commands under way are pending in the store, so a restart re-submits them. When delivery is full
 * the tailer stops reading, so memory stays bounded.
 *
 * <p>Alerting is the action log's consumer: every {@link #ACKNOWLEDGE_EVERY} the tailer syncs the
 * store's write-ahead log and acknowledges to the log what the store then durably holds; the log's
 * retention may delete those records, never any that alerting has not applied for good. One fsync a
 * second at most, however many pages went by.
 */
public final class ActionTailer {

    static final int PAGE = 500;
    static final Duration ACKNOWLEDGE_EVERY = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(ActionTailer.class.getName());

    private final Context context;
    private final RecordLog log;
    private final int partition;
    private final ViolationStore store;
    private final CommandDelivery delivery;
    private final AlertingMetrics metrics;
    private final PageApplier applier;
    private final ExpiredWarnings expiredWarnings;
    private final Promise<Void> caughtUp = Promise.promise();
    private long cursor;
    private long startedAt = -1;
    private boolean stopped;
    /** The offset acknowledged last; -1 before the first acknowledgement of this run. */
    private long acknowledged = -1;
    private boolean acknowledging;
    private long acknowledgeTimer = -1;

    public ActionTailer(Context context, RecordLog log, int partition, ViolationStore store, CommandDelivery delivery,
                        DeliveredCommands delivered, AlertingMetrics metrics, Clock clock, ExpiredWarnings expiredWarnings) {
        this.context = context;
        this.log = log;
        this.partition = partition;
        this.store = store;
        this.delivery = delivery;
        this.metrics = metrics;
        this.applier = new PageApplier(store, delivered, metrics, clock);
        this.expiredWarnings = expiredWarnings;
    }

    /** Resumes after the store's last applied offset; completes once the log as it was has been read through. */
    public Future<Void> start() {
        context.owner().executeBlocking(() -> {
            cursor = store.nextOffset();
            startedAt = cursor;
            return applier.stillPending();
        }, false).onSuccess(pending -> {
            metrics.openViolations(store.openCounts());
            acknowledgeTimer = context.owner().setPeriodic(0, ACKNOWLEDGE_EVERY.toMillis(), t -> acknowledgeApplied());
            run(pending, 0, this::readPage);
        }).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "cannot open the violation store's position", e));
        return caughtUp.future();
    }

    public boolean caughtUp() {
        return caughtUp.future().isComplete();
    }

    /** The next offset the tailer will read. */
    public long position() {
        return cursor;
    }

    /** The offset this run started reading at (-1 until known): 0 only for a new store. */
    public long startedAt() {
        return startedAt;
    }

    public void stop() {
        stopped = true;
        if (acknowledgeTimer >= 0) {
            context.owner().cancelTimer(acknowledgeTimer);
        }
    }

    private void readPage() {
        if (stopped) {
            return;
        }
        long from = cursor;
        context.owner().executeBlocking(() -> {
            List<LogRecord> records = log.read(partition, from, PAGE);
            return applier.apply(records);
        }, false).onSuccess(page -> {
            metrics.openViolations(store.openCounts());
            if (page.next() >= 0) {
                cursor = page.next();
            }
            run(page.steps(), 0, () -> afterPage(page.full()));
        }).onFailure(e -> {
            if (stopped) {
                return; // stopping: the log may have closed under this read, and it ends the run anyway
            }
            LOG.log(System.Logger.Level.ERROR, "cannot apply the action log at offset " + cursor + "; trying again", e);
            context.owner().setTimer(1000, t -> readPage());
        });
    }

    /** Tells the log how far the store durably holds it, when that moved (on a worker: it syncs the store). */
    private void acknowledgeApplied() {
        if (stopped || acknowledging || cursor == acknowledged) {
            return;
        }
        acknowledging = true;
        context.owner().executeBlocking(() -> {
            long durable = store.durableNextOffset();
            log.acknowledge(partition, durable);
            return durable;
        }, false).onComplete(done -> {
            acknowledging = false;
            if (done.succeeded()) {
                acknowledged = done.result();
            } else if (!stopped) {
                LOG.log(System.Logger.Level.WARNING, "cannot acknowledge the action log; its records are kept meanwhile: "
                        + done.cause().getMessage());
            }
        });
    }

    private void afterPage(boolean full) {
        if (stopped) {
            return;
        }
        if (full) {
            readPage();
        } else {
            caughtUp.tryComplete();
            log.awaitRecord(partition, cursor).whenComplete((v, e) -> context.runOnContext(x -> readPage()));
        }
    }

    /** Carries out a page's delivery steps in order, waiting for a free delivery slot before each command. */
    private void run(List<PageApplier.Step> steps, int from, Runnable then) {
        for (int i = from; i < steps.size() && !stopped; i++) {
            PageApplier.Step step = steps.get(i);
            if (step.expired()) {
                expiredWarnings.expired(step.command().target(), step.command().command());
                continue;
            }
            if (step.command() != null && !delivery.hasCapacity()) {
                int resumeAt = i;
                delivery.whenCapacity().onComplete(v -> run(steps, resumeAt, then));
                return;
            }
            if (step.command() != null) {
                delivery.submit(step.command().target(), step.command().command());
            } else {
                delivery.acked(step.ackedCommand());
            }
        }
        if (!stopped) {
            then.run();
        }
    }
}
