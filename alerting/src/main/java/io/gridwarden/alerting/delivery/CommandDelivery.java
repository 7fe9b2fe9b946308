package io.gridwarden.alerting.delivery;

import io.gridwarden.alerting.AlertingMetrics;
import io.gridwarden.common.action.Command;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gets commands to devices at least once: tries the first channel that can reach the device, retries
 * with backoff until the device takes it or it expires, and records each delivery durably before the
 * slot is freed. At most {@code maxInFlight} commands are under way; callers wait on
 * {@link #whenCapacity()}. Used from one Vert.x context only.
 */
public final class CommandDelivery {

    /** Told when a command expires before any device took it. */
    public interface ExpiryListener {
        void expired(String target, Command command);
    }

    private static final System.Logger LOG = System.getLogger(CommandDelivery.class.getName());

    private final Vertx vertx;
    private final List<CommandChannel> channels;
    private final DeliveredCommands store;
    private final RetryPolicy retry;
    private final int maxInFlight;
    private final AlertingMetrics metrics;
    private final Clock clock;
    private final ExpiryListener onExpired;
    private final Map<String, Long> inFlight = new HashMap<>();
    private Promise<Void> capacityWaiter;
    private boolean closed;

    public CommandDelivery(Vertx vertx, List<CommandChannel> channels, DeliveredCommands store, RetryPolicy retry,
                           int maxInFlight, AlertingMetrics metrics, Clock clock, ExpiryListener onExpired) {
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.store = store;
        this.retry = retry;
        this.maxInFlight = maxInFlight;
        this.metrics = metrics;
        this.clock = clock;
        this.onExpired = onExpired;
    }

    public boolean hasCapacity() {
        return inFlight.size() < maxInFlight;
    }

    /** Completes once a slot is free (at once if one is). */
    public Future<Void> whenCapacity() {
        if (hasCapacity()) {
            return Future.succeededFuture();
        }
        if (capacityWaiter == null) {
            capacityWaiter = Promise.promise();
        }
        return capacityWaiter.future();
    }

    /** Starts delivering; a command already under way is not started twice. */
    public void submit(String target, Command command) {
        if (closed || inFlight.containsKey(command.id())) {
            return;
        }
        inFlight.put(command.id(), System.nanoTime());
        attempt(target, command, 1);
    }

    private void attempt(String target, Command command, int attempt) {
        if (closed) {
            return;
        }
        CommandChannel channel = channels.stream().filter(c -> c.canReach(target)).findFirst().orElse(null);
        Future<Void> sent = channel == null
                ? Future.failedFuture(new DeliveryFailedException("no channel can reach device " + target))
                : channel.send(target, command);
        sent.onSuccess(v -> recordDelivered(command))
                .onFailure(e -> failed(target, command, attempt, e));
    }

    private void recordDelivered(Command command) {
        vertx.executeBlocking(() -> {
            store.markDelivered(command.id(), clock.instant());
            return null;
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(System.Logger.Level.WARNING, "delivered " + command.id() + " but could not record it: " + ar.cause().getMessage());
            } else {
                Long started = inFlight.get(command.id());
                metrics.delivered(command.type(), Duration.ofNanos(System.nanoTime() - (started == null ? System.nanoTime() : started)));
            }
            finish(command);
        });
    }

    private void failed(String target, Command command, int attempt, Throwable cause) {
        if (closed) {
            return;
        }
        if (Expiry.isExpired(command, clock.instant())) {
            metrics.expired(command.type());
            onExpired.expired(target, command);
            finish(command);
        } else if (Expiry.deadline(command).isEmpty() && attempt >= retry.maxAttempts()) {
            LOG.log(System.Logger.Level.WARNING, "giving up on " + command.id() + " to " + target + " after " + attempt
                    + " attempts: " + cause.getMessage());
            metrics.abandoned(command.type());
            finish(command);
        } else {
            metrics.retried(command.type());
            long wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
            vertx.setTimer(wait, t -> attempt(target, command, attempt + 1));
        }
    }

    private void finish(Command command) {
        inFlight.remove(command.id());
        if (capacityWaiter != null && hasCapacity()) {
            Promise<Void> waiter = capacityWaiter;
            capacityWaiter = null;
            waiter.complete();
        }
    }

    /** Stops all retries; commands not yet delivered will be sent again by the next run. */
    public void close() {
        closed = true;
    }
}
