package io.gridwarden.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The QoS 1 commands one MQTT session holds for its device, in the order they were published: each is
 * either sent and awaiting its PUBACK (it has a packet id) or waiting to be sent (the device is offline,
 * or has as many unacknowledged as it accepts). Bounded: beyond {@code capacity} the oldest is dropped.
 * Not thread-safe: its {@link MqttSession} guards it.
 */
final class MqttOutbox {

    static final int MAX_PACKET_ID = 65535;

    /** One held command; {@code packetId} is 0 until it is first sent, and kept for resending (MQTT 4.4). */
    static final class Held {
        final byte[] payload;
        final CompletableFuture<Boolean> result;
        int packetId;
        long ackTimer = -1;

        Held(byte[] payload, CompletableFuture<Boolean> result) {
            this.payload = payload;
            this.result = result;
        }
    }

    private final int capacity;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Integer, Held> inFlight = new HashMap<>();
    private int lastPacketId;

    MqttOutbox(int capacity) {
        this.capacity = capacity;
    }

    /** Holds one more command; returns the oldest one, dropped to make room, or null. */
    Held add(Held command) {
        Held dropped = null;
        if (held.size() >= capacity) {
            dropped = held.poll();
            inFlight.remove(dropped.packetId);
        }
        held.add(command);
        return dropped;
    }

    /** The commands to send next, oldest first, so that at most {@code maxInFlight} await a PUBACK; each gets its packet id. */
    List<Held> nextToSend(int maxInFlight) {
        List<Held> next = new ArrayList<>();
        int limit = Math.min(maxInFlight, MAX_PACKET_ID);
        for (Held command : held) {
            if (inFlight.size() >= limit) {
                break;
            }
            if (command.packetId == 0) {
                command.packetId = nextPacketId();
                inFlight.put(command.packetId, command);
                next.add(command);
            }
        }
        return next;
    }

    /** The commands sent but not acknowledged, oldest first: after a reconnect they go again with DUP set. */
    List<Held> awaitingAck() {
        return held.stream().filter(command -> command.packetId != 0).toList();
    }

    /** Removes the command this PUBACK answers; null when none (already dropped, or a stray packet id). */
    Held acknowledged(int packetId) {
        Held command = inFlight.remove(packetId);
        if (command != null) {
            held.remove(command);
        }
        return command;
    }

    /** Removes and returns every command held. */
    List<Held> drain() {
        List<Held> all = new ArrayList<>(held);
        held.clear();
        inFlight.clear();
        return all;
    }

    int size() {
        return held.size();
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
        } while (inFlight.containsKey(lastPacketId));
        return lastPacketId;
    }
}
