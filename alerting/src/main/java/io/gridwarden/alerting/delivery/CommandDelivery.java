package io.gridwarden.alerting.delivery;

import io.gridwarden.alerting.metrics.AlertingMetrics;
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
 * Gets commands to devices at least once: tries the first channel that can reach the device (MQTT
 * session, then webhook), retries with backoff until the device takes it, acknowledges it, or it
 * expires, and records each hand-over durably before the slot is freed. A command with a deadline
 * that was taken but not acknowledged within the policy's {@code ackTimeout} is sent again (same id)
 * until acknowledged or expired. An acknowledgement stops retries at once, even while the device's
 * endpoint keeps failing. At most {@code maxInFlight} commands are under way; callers wait on
 * {@link #whenCapacity()}. Used from one Vert.x context only.
 */
public final class CommandDelivery {

    private static final System.Logger LOG = System.getLogger(CommandDelivery.class.getName());
    /** Taken commands watched for their acknowledgement at most; beyond this, memory wins over resending. */
    static final int MAX_AWAITING_ACK = 100_000;

    /** One command under way: when it started and the timer of its next attempt (-1: none). */
    private static final class InFlight {
        final long startedNanos = System.nanoTime();
        long timer = -1;
    }

    private final Vertx vertx;
    private final List<CommandChannel> channels;
    private final DeliveredCommands store;
    private final RetryPolicy retry;
    private final int maxInFlight;
    private final AlertingMetrics metrics;
    private final Clock clock;
    private final DeliveryOutcomes outcomes;
    private final DeliveryOwnership ownership;
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Commands taken by their device and not yet acknowledged: the timer that sends each again. */
    private final Map<String, Long> awaitingAck = new HashMap<>();
    private Promise<Void> capacityWaiter;
    private boolean closed;

    public CommandDelivery(Vertx vertx, List<CommandChannel> channels, DeliveredCommands store, RetryPolicy retry,
                           int maxInFlight, AlertingMetrics metrics, Clock clock, DeliveryOutcomes outcomes) {
        this(vertx, channels, store, retry, maxInFlight, metrics, clock, outcomes, DeliveryOwnership.ALL);
    }

    /** @param ownership which commands this instance delivers, and where it records each hand-over for the next owner */
    public CommandDelivery(Vertx vertx, List<CommandChannel> channels, DeliveredCommands store, RetryPolicy retry,
                           int maxInFlight, AlertingMetrics metrics, Clock clock, DeliveryOutcomes outcomes,
                           DeliveryOwnership ownership) {
        this.ownership = ownership;
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.store = store;
        this.retry = retry;
        this.maxInFlight = maxInFlight;
        this.metrics = metrics;
        this.clock = clock;
        this.outcomes = outcomes;
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
        inFlight.put(command.id(), new InFlight());
        attempt(target, command, 1);
    }

    /**
     * A command that expired before this instance owned it, never handed over by anyone: recorded as
     * expired, as if it had expired here.
     */
    public void expiredUnowned(String target, Command command) {
        if (!closed && !inFlight.containsKey(command.id())) {
            metrics.expired(command.type());
            outcomes.expired(target, command);
        }
    }

    /** The device acknowledged the command: no more attempts. */
    public void acked(String commandId) {
        Long resend = awaitingAck.remove(commandId);
        if (resend != null) {
            vertx.cancelTimer(resend);
        }
        InFlight f = inFlight.get(commandId);
        if (f != null) {
            if (f.timer >= 0) {
                vertx.cancelTimer(f.timer);
            }
            finish(commandId);
        }
    }

    public int inFlight() {
        return inFlight.size();
    }

    private void attempt(String target, Command command, int attempt) {
        InFlight f = inFlight.get(command.id());
        if (closed || f == null) {
            return; // acknowledged (or stopping) while waiting
        }
        f.timer = -1;
        if (!ownership.tryBegin(command.id())) {
            finish(command.id()); // not this instance's (any more): it stays pending in the store for its owner
            return;
        }
        CommandChannel channel = channels.stream().filter(c -> c.canReach(target)).findFirst().orElse(null);
        Future<Void> sent = channel == null
                ? Future.failedFuture(new DeliveryFailedException("no channel can reach device " + target))
                : channel.send(target, command);
        sent.onSuccess(v -> recordHandedOver(target, command, channel.name()))
                .onFailure(e -> {
                    ownership.failed(command.id());
                    failed(target, command, attempt, e);
                });
    }

    private void recordHandedOver(String target, Command command, String channel) {
        if (!inFlight.containsKey(command.id())) { // acknowledged meanwhile: nothing more to do here, but the hand-over happened
            vertx.executeBlocking(() -> {
                ownership.handedOver(target, command, channel);
                return null;
            }, false);
            return;
        }
        vertx.executeBlocking(() -> {
            try {
                store.markDelivered(command, clock.instant());
            } finally { // locally first: this instance never sends it again, even if recording it for others fails
                ownership.handedOver(target, command, channel);
            }
            return null;
        }, false).onComplete(ar -> {
            InFlight f = inFlight.get(command.id());
            if (ar.failed()) {
                LOG.log(System.Logger.Level.WARNING, "delivered " + command.id() + " but could not record it: " + ar.cause().getMessage());
            } else {
                long started = f == null ? System.nanoTime() : f.startedNanos;
                metrics.delivered(command.type(), channel, Duration.ofNanos(System.nanoTime() - started));
                outcomes.handedOver(target, command, channel);
                if (f != null) {
                    awaitAck(target, command);
                }
            }
            finish(command.id());
        });
    }

    /**
     * Sends the command again if its acknowledgement has not arrived within the ack timeout and it has
     * not expired. Commands without a deadline are done once taken. Bounded: past
     * {@link #MAX_AWAITING_ACK} waiting commands, a taken command is not watched further.
     */
    private void awaitAck(String target, Command command) {
        awaitAck(target, command, retry.ackTimeout().toMillis());
    }

    /**
     * A command handed over at {@code handedOverAt} (by another instance, whose partition this one took over): sent
     * again, as its first owner would have, if its acknowledgement has not come {@code ackTimeout} after that.
     */
    public void awaitAckSince(String target, Command command, java.time.Instant handedOverAt) {
        if (!awaitingAck.containsKey(command.id()) && !inFlight.containsKey(command.id())) {
            long due = handedOverAt.plus(retry.ackTimeout()).toEpochMilli() - clock.millis();
            awaitAck(target, command, Math.max(1, due));
        }
    }

    private void awaitAck(String target, Command command, long delayMillis) {
        if (closed || Expiry.deadline(command).isEmpty() || awaitingAck.size() >= MAX_AWAITING_ACK) {
            return;
        }
        awaitingAck.put(command.id(), vertx.setTimer(delayMillis, t -> {
            awaitingAck.remove(command.id());
            vertx.executeBlocking(() -> store.isAcked(command.id()), false).onSuccess(acked -> {
                if (!acked && !Expiry.isExpired(command, clock.instant())) {
                    metrics.retried(command.type());
                    submit(target, command);
                }
            });
        }));
    }

    private void failed(String target, Command command, int attempt, Throwable cause) {
        InFlight f = inFlight.get(command.id());
        if (closed || f == null) {
            return;
        }
        if (Expiry.isExpired(command, clock.instant())) {
            metrics.expired(command.type());
            outcomes.expired(target, command);
            finish(command.id());
        } else if (Expiry.deadline(command).isEmpty() && attempt >= retry.maxAttempts()) {
            LOG.log(System.Logger.Level.WARNING, "giving up on " + command.id() + " to " + target + " after " + attempt
                    + " attempts: " + cause.getMessage());
            metrics.abandoned(command.type());
            outcomes.abandoned(target, command, cause.getMessage());
            finish(command.id());
        } else {
            metrics.retried(command.type());
            long wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
            f.timer = vertx.setTimer(wait, t -> attempt(target, command, attempt + 1));
        }
    }

    private void finish(String commandId) {
        inFlight.remove(commandId);
        if (capacityWaiter != null && hasCapacity()) {
            Promise<Void> waiter = capacityWaiter;
            capacityWaiter = null;
            waiter.complete();
        }
    }

    /** Stops all retries; commands not yet delivered are still pending in the store and are sent by the next run. */
    public void close() {
        closed = true;
        awaitingAck.values().forEach(vertx::cancelTimer);
        inFlight.values().forEach(f -> {
            if (f.timer >= 0) {
                vertx.cancelTimer(f.timer);
            }
        });
    }
}
