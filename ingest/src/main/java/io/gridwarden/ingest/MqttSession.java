package io.gridwarden.ingest;

import io.gridwarden.common.town.Device;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPubAckMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The MQTT session of one (device, client id): its subscription to the device's commands topic and the
 * QoS 1 commands it holds ({@link MqttOutbox}). A session lives while its {@link MqttConnection} does;
 * a persistent one ({@code expirySeconds > 0}) outlives it until it expires or a clean connect discards
 * it, holding commands published meanwhile and those sent but not acknowledged, which go (again, with
 * DUP set) to the next connection resuming it, in order.
 *
 * <p>Thread-safe: alerting publishes from its own thread, the connection's event loop delivers PUBACKs
 * and SUBSCRIBEs, and another instance's event loop may take the session over. State changes under the
 * session's lock; writes hop onto the connection's context, which keeps them in order.
 */
final class MqttSession {

    /** NEW: being connected; LIVE: a connection is attached; STORED: persistent and offline; ENDED: gone. */
    private enum State { NEW, LIVE, STORED, ENDED }

    /**
     * @param metrics         where connections, stored sessions and what becomes of commands are counted
     * @param ackTimeout      how long a sent command may wait for its PUBACK before the publisher hears of it
     * @param maxHeldCommands the most QoS 1 commands held, queued or awaiting a PUBACK
     */
    record Settings(MqttSessionMetrics metrics, Duration ackTimeout, int maxHeldCommands) {}

    private final Device device;
    private final String clientId;
    private final String topic;
    private final Settings settings;
    private final MqttOutbox outbox;
    private State state = State.NEW;
    private MqttConnection connection;
    private MqttQoS commandsQos; // null: not subscribed
    private long expirySeconds;
    private Instant expiresAt; // set while STORED
    private Vertx timers; // the Vert.x of the connections, for PUBACK timers; set by the first attach

    MqttSession(Device device, String clientId, Settings settings) {
        this.device = device;
        this.clientId = clientId;
        this.topic = MqttTopics.commands(device.id());
        this.settings = settings;
        this.outbox = new MqttOutbox(settings.maxHeldCommands());
    }

    Device device() {
        return device;
    }

    String clientId() {
        return clientId;
    }

    /** Sets how long the session outlives its connection (0: not at all), as the latest CONNECT or DISCONNECT says. */
    synchronized void expiry(long seconds) {
        expirySeconds = seconds;
    }

    synchronized long expirySeconds() {
        return expirySeconds;
    }

    /** Claims a stored session for a connection about to resume it, so that it cannot expire meanwhile; false when it is gone. */
    synchronized boolean claim(Instant now) {
        if (state == State.ENDED || expired(now)) {
            return false;
        }
        if (state == State.STORED) {
            moveTo(State.NEW);
        }
        return true;
    }

    /** Makes {@code next} the session's connection, once CONNACK is sent; returns the connection it takes over, to be disconnected. */
    synchronized Optional<MqttConnection> attach(MqttConnection next) {
        MqttConnection previous = connection;
        if (state == State.ENDED) {
            return Optional.empty(); // discarded meanwhile by a clean connect: that connection is being disconnected too
        }
        connection = next;
        timers = next.context().owner();
        expiresAt = null;
        moveTo(State.LIVE);
        for (MqttOutbox.Held command : outbox.awaitingAck()) {
            cancelAckTimer(command);
            send(next, command, true);
        }
        sendWhatFits(next);
        return Optional.ofNullable(previous);
    }

    /**
     * The connection closed. Returns whether the session stays (persistent, or already taken over by a
     * newer connection); when it does not, it has ended and commands awaiting a PUBACK completed false.
     */
    synchronized boolean detach(MqttConnection closed, Instant now) {
        if (state == State.ENDED) {
            return false;
        }
        if (closed != connection) {
            return true; // a newer connection took the session over
        }
        connection = null;
        if (expirySeconds == 0) {
            end(null);
            return false;
        }
        expiresAt = now.plusSeconds(expirySeconds);
        moveTo(State.STORED);
        for (MqttOutbox.Held command : outbox.awaitingAck()) {
            cancelAckTimer(command);
            settle(command, "held", true); // the session holds it and sends it again when the device is back
        }
        return true;
    }

    /** Ends the session, dropping what it holds (counted under {@code reason} unless null); returns the connection it had. */
    synchronized Optional<MqttConnection> end(String reason) {
        if (state == State.ENDED) {
            return Optional.empty();
        }
        MqttConnection had = connection;
        connection = null;
        commandsQos = null;
        moveTo(State.ENDED);
        List<MqttOutbox.Held> held = outbox.drain();
        for (MqttOutbox.Held command : held) {
            cancelAckTimer(command);
            settle(command, "disconnected", false);
        }
        if (reason != null) {
            settings.metrics().dropped(reason, held.size());
        }
        return Optional.ofNullable(had);
    }

    /** Ends the session if it is stored and past its expiry; true when it did. */
    synchronized boolean endIfExpired(Instant now) {
        if (!expired(now)) {
            return false;
        }
        end("expired");
        return true;
    }

    synchronized boolean expired(Instant now) {
        return state == State.STORED && !now.isBefore(expiresAt);
    }

    synchronized boolean stored() {
        return state == State.STORED;
    }

    synchronized Instant expiresAt() {
        return expiresAt;
    }

    synchronized boolean live() {
        return state == State.LIVE;
    }

    /** Connected, or being connected: it holds a connection of its device's. */
    synchronized boolean connecting() {
        return state == State.NEW || state == State.LIVE;
    }

    /** It outlives its connection and has not ended or expired: one of its device's persistent sessions. */
    synchronized boolean persistent(Instant now) {
        return state != State.ENDED && expirySeconds > 0 && !expired(now);
    }

    /** Connected and subscribed to its commands topic. */
    synchronized boolean receivingLive() {
        return state == State.LIVE && commandsQos != null;
    }

    /** Whether a command published now reaches the device: it is connected and subscribed, or its persistent session holds QoS 1 commands. */
    synchronized boolean takesCommands(Instant now) {
        if (state == State.ENDED || commandsQos == null) {
            return false;
        }
        return state == State.LIVE || commandsQos == MqttQoS.AT_LEAST_ONCE && expirySeconds > 0 && !expired(now);
    }

    synchronized void subscribed(MqttQoS qos) {
        commandsQos = qos;
    }

    /** Returns whether there was a subscription to remove. */
    synchronized boolean unsubscribed() {
        boolean was = commandsQos != null;
        commandsQos = null;
        return was;
    }

    /**
     * Publishes one command. Completes true once the device PUBACKs it (QoS 1), once it is written (QoS 0),
     * or at once when the device is offline and its persistent session holds it; false when the session
     * does not take commands or ends before the command got through. Fails when the device does not PUBACK
     * in time or refuses it, or the session drops it to make room.
     */
    synchronized CompletableFuture<Boolean> publish(byte[] commandJson, Instant now) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (!takesCommands(now)) {
            result.complete(false);
        } else if (commandsQos == MqttQoS.AT_MOST_ONCE) {
            MqttConnection to = connection;
            to.context().runOnContext(v -> to.publishCommand(topic, commandJson, MqttQoS.AT_MOST_ONCE, false, 0).onComplete(
                    id -> settleNow(result, "delivered", true), failure -> settleNow(result, "disconnected", false)));
        } else {
            MqttOutbox.Held dropped = outbox.add(new MqttOutbox.Held(commandJson, result));
            if (dropped != null) {
                dropOldest(dropped);
            }
            if (connection == null) {
                settleNow(result, "held", true);
            } else {
                sendWhatFits(connection);
            }
        }
        return result;
    }

    /** A PUBACK from the device: MQTT 5 devices may refuse a command with an error reason code. */
    synchronized void acknowledged(MqttPubAckMessage ack) {
        MqttOutbox.Held command = outbox.acknowledged(ack.messageId());
        if (command == null) {
            return;
        }
        cancelAckTimer(command);
        if (ack.code() != null && ack.code().isError()) {
            settle(command.result, "refused", new IllegalStateException(
                    "the device refused the command with PUBACK reason " + ack.code() + "; it will be retried"));
        } else {
            settle(command, "delivered", true);
        }
        if (connection != null) {
            sendWhatFits(connection);
        }
    }

    private void sendWhatFits(MqttConnection to) {
        for (MqttOutbox.Held command : outbox.nextToSend(to.receiveMaximum())) {
            send(to, command, false);
        }
    }

    private void send(MqttConnection to, MqttOutbox.Held command, boolean dup) {
        if (!command.result.isDone()) {
            long timeout = settings.ackTimeout().toMillis();
            command.ackTimer = timers.setTimer(timeout, t -> timedOut(command));
        }
        int packetId = command.packetId;
        to.context().runOnContext(v -> to.publishCommand(topic, command.payload, MqttQoS.AT_LEAST_ONCE, dup, packetId));
    }

    /** No PUBACK in time: the caller hears so (and retries); the command stays held, since a PUBACK may still come. */
    private synchronized void timedOut(MqttOutbox.Held command) {
        command.ackTimer = -1;
        settle(command.result, "timeout", new TimeoutException("device did not PUBACK the command within "
                + settings.ackTimeout().toMillis() + " ms; it will be retried"));
    }

    private void dropOldest(MqttOutbox.Held dropped) {
        cancelAckTimer(dropped);
        settings.metrics().dropped("session_full", 1);
        settle(dropped.result, "dropped", new IllegalStateException("the MQTT session of " + device.id() + " holds "
                + settings.maxHeldCommands() + " commands; the oldest was dropped to make room"));
    }

    private void cancelAckTimer(MqttOutbox.Held command) {
        if (command.ackTimer >= 0) {
            timers.cancelTimer(command.ackTimer);
        }
        command.ackTimer = -1;
    }

    private void settle(MqttOutbox.Held command, String outcome, boolean delivered) {
        settleNow(command.result, outcome, delivered);
    }

    private void settleNow(CompletableFuture<Boolean> result, String outcome, boolean delivered) {
        if (!result.isDone()) {
            settings.metrics().command(outcome);
            result.complete(delivered);
        }
    }

    private void settle(CompletableFuture<Boolean> result, String outcome, Exception failure) {
        if (!result.isDone()) {
            settings.metrics().command(outcome);
            result.completeExceptionally(failure);
        }
    }

    private void moveTo(State next) {
        count(state, -1);
        state = next;
        count(state, 1);
    }

    private void count(State of, int delta) {
        if (of == State.LIVE) {
            settings.metrics().connected().addAndGet(delta);
        } else if (of == State.STORED) {
            settings.metrics().stored().addAndGet(delta);
        }
    }
}
