package io.gridwarden.alerting;

import io.gridwarden.alerting.delivery.DeliveryOutcomes;
import io.gridwarden.alerting.delivery.ExpiredWarnings;
import io.gridwarden.alerting.delivery.Expiry;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Command;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Writes each delivery's outcome onto its violation's timeline (on a worker) and clears it from the
 * pending commands, except a command taken but still awaiting its acknowledgement: that one stays
 * pending, so a restart sends it again until the device acknowledges it. A voice warning that expired
 * undelivered is also answered {@code failed} on the camera's behalf ({@link ExpiredWarnings}).
 */
final class DeliveryTimeline implements DeliveryOutcomes {

    private final Vertx vertx;
    private final ViolationStore store;
    private final Clock clock;
    private final ExpiredWarnings expiredWarnings;

    DeliveryTimeline(Vertx vertx, ViolationStore store, Clock clock, ExpiredWarnings expiredWarnings) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.expiredWarnings = expiredWarnings;
    }

    @Override
    public void handedOver(String target, Command command, String channel) {
        TimelineEntry entry = new TimelineEntry("handed_over", clock.instant(),
                command.type() + " " + command.id() + " handed over to " + target + " by " + channel, officerOf(target, command));
        boolean awaitsAck = Expiry.deadline(command).isPresent();
        vertx.executeBlocking(() -> {
            if (!awaitsAck) {
                store.removePending(command.id());
            }
            store.note(command.violation(), entry);
            return null;
        }, false);
    }

    @Override
    public void expired(String target, Command command) {
        expiredWarnings.expired(target, command);
        record(command, new TimelineEntry("expired", clock.instant(),
                command.type() + " " + command.id() + " to " + target + " expired before it could be delivered", officerOf(target, command)));
    }

    @Override
    public void abandoned(String target, Command command, String lastError) {
        record(command, new TimelineEntry("delivery_failed", clock.instant(),
                command.type() + " " + command.id() + " to " + target + " given up: " + lastError, officerOf(target, command)));
    }

    private void record(Command command, TimelineEntry entry) {
        vertx.executeBlocking(() -> {
            store.removePending(command.id());
            store.note(command.violation(), entry);
            return null;
        }, false);
    }

    private static String officerOf(String target, Command command) {
        return Command.ASSIGNMENT.equals(command.type()) ? target : null;
    }
}
