package io.gridwarden.alerting;

import io.gridwarden.alerting.delivery.CommandDelivery;
import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.alerting.delivery.Expiry;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a scale-out deployment adds to one alerting's stores and delivery, when several instances share the action
 * log and each delivers only the commands it owns ({@link io.gridwarden.alerting.delivery.DeliveryOwnership}):
 * <ul>
 *   <li>{@link #handedOverElsewhere}: another instance handed a command over; this one's view and delivered-commands
 *       store learn it as if it had done so itself (so it never sends it, should it own it later);</li>
 *   <li>{@link #takeOver}: this instance now owns more commands: those still pending are sent, those handed over
 *       but not acknowledged are sent again when their acknowledgement is overdue, as their first owner would have.</li>
 * </ul>
 */
public final class ScaleOutDelivery {

    /** A pending command this instance now owns: to send, or (handed over at {@code handedOverAt}) to watch for its ack. */
    private record Resumed(Action action, Instant handedOverAt) {}

    private final Context context;
    private final ViolationStore store;
    private final DeliveredCommands delivered;
    private final CommandDelivery delivery;
    private final Clock clock;

    ScaleOutDelivery(Context context, ViolationStore store, DeliveredCommands delivered, CommandDelivery delivery, Clock clock) {
        this.context = context;
        this.store = store;
        this.delivered = delivered;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * {@code instance} handed {@code command} over to {@code target} at {@code at}. Idempotent (a hand-over this store
     * knows of already is skipped: this instance's own, or one applied before). Blocking.
     */
    public void handedOverElsewhere(String target, Command command, String channel, String instance, Instant at) {
        if (delivered.contains(command.id())) {
            return;
        }
        store.note(command.violation(), new TimelineEntry("handed_over", at, command.type() + " " + command.id() + " handed over to "
                + target + " by " + channel + " (alerting instance " + instance + ")", Command.ASSIGNMENT.equals(command.type()) ? target : null));
        if (Expiry.deadline(command).isEmpty()) {
            store.removePending(command.id()); // one with a deadline stays pending until acknowledged, as on its owner
        }
        delivered.markDelivered(command, at);
    }

    /**
     * Delivers the pending commands {@code owned} names, as this instance's own from now on; completes with how
     * many. One that expired while its partition had no owner, never handed over, is recorded as expired (its
     * timeline says so, and a voice warning is answered {@code failed}), as its owner would have.
     */
    public Future<Integer> takeOver(Predicate<String> owned) {
        return context.executeBlocking(() -> {
            List<Resumed> resumed = new ArrayList<>();
            Instant now = clock.instant();
            for (Action pending : store.pendingCommands()) {
                Command command = pending.command();
                if (owned.test(command.id()) && !delivered.isAcked(command.id())) {
                    resumed.add(new Resumed(pending, delivered.deliveredAt(command.id()).orElse(null)));
                }
            }
            return resumed;
        }, false).map(resumed -> {
            Instant now = clock.instant();
            int delivering = 0;
            for (Resumed r : resumed) {
                Command command = r.action().command();
                if (!Expiry.isExpired(command, now)) {
                    delivering++;
                    if (r.handedOverAt() == null) {
                        delivery.submit(r.action().target(), command);
                    } else {
                        delivery.awaitAckSince(r.action().target(), command, r.handedOverAt());
                    }
                } else if (r.handedOverAt() == null) {
                    delivery.expiredUnowned(r.action().target(), command);
                }
            }
            return delivering;
        });
    }
}
