package io.gridwarden.alerting.tail;

import io.gridwarden.alerting.AlertingMetrics;
import io.gridwarden.alerting.delivery.CommandDelivery;
import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.alerting.delivery.Expiry;
import io.gridwarden.alerting.view.ViolationView;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the action log from its start (rebuilding the violation view) and then follows it: status
 * updates go to the view, commands to delivery unless an earlier run delivered them or they have
 * expired. Reads happen on a worker; everything else on alerting's context. When delivery is full the
 * tailer simply stops reading, so memory stays bounded.
 */
public final class ActionTailer {

    static final int PAGE = 500;
    private static final System.Logger LOG = System.getLogger(ActionTailer.class.getName());

    /** One record of a page, decoded on the worker, with whether its command was delivered before. */
    private record Entry(long offset, Action action, boolean delivered) {}

    private final Context context;
    private final RecordLog log;
    private final int partition;
    private final ViolationView view;
    private final CommandDelivery delivery;
    private final DeliveredCommands store;
    private final AlertingMetrics metrics;
    private final Clock clock;
    private final Promise<Void> caughtUp = Promise.promise();
    private long cursor;
    private boolean stopped;

    public ActionTailer(Context context, RecordLog log, int partition, ViolationView view, CommandDelivery delivery,
                        DeliveredCommands store, AlertingMetrics metrics, Clock clock) {
        this.context = context;
        this.log = log;
        this.partition = partition;
        this.view = view;
        this.delivery = delivery;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Starts from offset 0; the future completes once the log as it was has been read through. */
    public Future<Void> start() {
        context.runOnContext(v -> readPage());
        return caughtUp.future();
    }

    public boolean caughtUp() {
        return caughtUp.future().isComplete();
    }

    /** The next offset the tailer will read. */
    public long position() {
        return cursor;
    }

    public void stop() {
        stopped = true;
    }

    private void readPage() {
        if (stopped) {
            return;
        }
        context.owner().executeBlocking(() -> decode(log.read(partition, cursor, PAGE)), false)
                .onSuccess(page -> process(page, 0))
                .onFailure(e -> {
                    LOG.log(System.Logger.Level.ERROR, "cannot read the action log at offset " + cursor + "; trying again", e);
                    context.owner().setTimer(1000, t -> readPage());
                });
    }

    private List<Entry> decode(List<LogRecord> records) {
        List<Entry> page = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            Action action;
            try {
                action = ActionCodec.decode(record.payload());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping undecodable action at offset " + record.offset() + ": " + e.getMessage());
                action = null;
            }
            boolean delivered = action != null && action.kind() == Action.Kind.COMMAND && store.contains(action.command().id());
            page.add(new Entry(record.offset(), action, delivered));
        }
        return page;
    }

    private void process(List<Entry> page, int from) {
        for (int i = from; i < page.size() && !stopped; i++) {
            Entry entry = page.get(i);
            if (entry.action() != null && needsSending(entry) && !delivery.hasCapacity()) {
                int resumeAt = i;
                delivery.whenCapacity().onComplete(v -> process(page, resumeAt));
                return;
            }
            handle(entry);
            cursor = entry.offset() + 1;
        }
        if (stopped) {
            return;
        }
        if (page.size() == PAGE) {
            readPage();
        } else {
            caughtUp.tryComplete();
            log.awaitRecord(partition, cursor).whenComplete((v, e) -> context.runOnContext(x -> readPage()));
        }
    }

    private boolean needsSending(Entry entry) {
        return entry.action().kind() == Action.Kind.COMMAND && !entry.delivered()
                && !Expiry.isExpired(entry.action().command(), clock.instant());
    }

    private void handle(Entry entry) {
        Action action = entry.action();
        if (action == null) {
            return;
        }
        if (action.kind() == Action.Kind.VIOLATION_UPDATE) {
            view.apply(entry.offset(), action.violation());
        } else if (entry.delivered()) {
            metrics.alreadyDelivered();
        } else if (Expiry.isExpired(action.command(), clock.instant())) {
            metrics.expired(action.command().type());
            view.commandExpired(action.violation().id(), action.target(), action.command(), clock.instant());
        } else {
            delivery.submit(action.target(), action.command());
        }
    }
}
