package io.gridwarden.alerting.tail;

import io.gridwarden.alerting.metrics.AlertingMetrics;
import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.alerting.delivery.Expiry;
import io.gridwarden.alerting.store.PageWrite;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.log.LogRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a page of the action log into store writes (on a worker) and the delivery steps that follow
 * from it (for alerting's context): a command to send, or an acknowledged command to stop sending.
 */
final class PageApplier {

    private static final System.Logger LOG = System.getLogger(PageApplier.class.getName());

    /**
     * One delivery step: {@code command} to submit, or else {@code ackedCommand} to stop; with {@code expired},
     * {@code command} expired before it was sent and is only to be reported ({@code ExpiredWarnings}).
     */
    record Step(Action command, String ackedCommand, boolean expired) {
        Step(Action command, String ackedCommand) {
            this(command, ackedCommand, false);
        }
    }

    /** What a page led to, and where the next one starts. */
    record Page(List<Step> steps, long next, boolean full) {}

    private final ViolationStore store;
    private final DeliveredCommands delivered;
    private final AlertingMetrics metrics;
    private final Clock clock;

    PageApplier(ViolationStore store, DeliveredCommands delivered, AlertingMetrics metrics, Clock clock) {
        this.store = store;
        this.delivered = delivered;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The commands a previous run left under way, or taken but not acknowledged, that still need sending. */
    List<Step> stillPending() {
        List<Step> steps = new ArrayList<>();
        for (Action pending : store.pendingCommands()) {
            if (!delivered.isAcked(pending.command().id()) && !Expiry.isExpired(pending.command(), clock.instant())) {
                steps.add(new Step(pending, null));
            } else {
                store.removePending(pending.command().id());
                if (!delivered.contains(pending.command().id())) {
                    steps.add(new Step(pending, null, true)); // expired undelivered while alerting was down
                }
            }
        }
        return steps;
    }

    Page apply(List<LogRecord> records) {
        List<Step> steps = new ArrayList<>();
        if (records.isEmpty()) {
            return new Page(steps, -1, false);
        }
        long last = records.get(records.size() - 1).offset();
        store.apply(page -> records.forEach(r -> applyOne(page, r, steps)), last);
        return new Page(steps, last + 1, records.size() == ActionTailer.PAGE);
    }

    private void applyOne(PageWrite page, LogRecord record, List<Step> steps) {
        Action action;
        try {
            action = ActionCodec.decode(record.payload());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping undecodable action at offset " + record.offset() + ": " + e.getMessage());
            return;
        }
        switch (action.kind()) {
            case VIOLATION_UPDATE -> page.update(record.offset(), action.violation());
            case OFFICER_UPDATE -> page.officer(action.officer());
            case COMMAND -> command(page, action, steps);
            case COMMAND_ACKED -> acked(page, action, steps);
        }
    }

    private void command(PageWrite page, Action action, List<Step> steps) {
        Command command = action.command();
        page.assignment(action.target(), command); // the officer's page shows it, delivered or not
        if (delivered.contains(command.id())) {
            metrics.alreadyDelivered();
        } else if (Expiry.isExpired(command, clock.instant())) {
            metrics.expired(command.type());
            page.note(action.violation().id(), new TimelineEntry("expired", clock.instant(), command.type() + " " + command.id()
                    + " to " + action.target() + " expired before it could be delivered", officerOf(action)));
            steps.add(new Step(action, null, true));
        } else {
            page.pending(action);
            steps.add(new Step(action, null));
        }
    }

    private void acked(PageWrite page, Action action, List<Step> steps) {
        Action.CommandAck ack = action.ack();
        if (!delivered.isAcked(ack.command())) {
            delivered.markAcked(ack.command(), clock.instant());
            metrics.acked(ack.result());
        }
        // The jobs know the violation of an officer's ack; a camera's ack of its voice warning is found by the command.
        String violation = action.violation() != null ? action.violation().id() : store.violationOfPending(ack.command()).orElse(null);
        page.settled(ack.command());
        if (violation != null) {
            page.note(violation, new TimelineEntry("acked", ack.at() == null ? clock.instant() : ack.at(),
                    action.target() + " answered " + ack.result() + " to " + ack.command()
                            + (ack.note() == null || ack.note().isBlank() ? "" : ": " + ack.note()), null));
        }
        steps.add(new Step(null, ack.command()));
    }

    private static String officerOf(Action action) {
        return Command.ASSIGNMENT.equals(action.command().type()) ? action.target() : null;
    }
}
