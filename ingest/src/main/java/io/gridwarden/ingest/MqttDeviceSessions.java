package io.gridwarden.ingest;

import io.gridwarden.common.command.DeviceSessions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The MQTT sessions held by this ingest instance: how alerting pushes commands on
 * {@code devices/{id}/commands}. As MQTT prescribes, a newer connection with the same client
 * identifier replaces the older one; a device may hold several sessions under different client ids
 * (say a publisher and a command listener), and commands go to one that subscribed.
 *
 * <p>Thread-safe. {@link #publish} may be called from any thread; it hops onto the connection's
 * context, and its future completes there. Sessions are not persistent: a command for a device that
 * is offline completes false at once (the caller falls back to the device's webhook and retries).
 */
public final class MqttDeviceSessions implements DeviceSessions {

    private final ConcurrentMap<String, MqttSession> byClient = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<MqttSession>> byDevice = new ConcurrentHashMap<>();

    @Override
    public boolean isConnected(String deviceId) {
        return commandReceiver(deviceId).isPresent();
    }

    /**
     * Completes true once the device PUBACKs the command (QoS 1) or it is written (the device subscribed
     * at QoS 0); false when the device is not connected or not subscribed to its commands topic, or the
     * connection drops before the PUBACK. Fails when the device does not PUBACK in time or refuses it.
     */
    @Override
    public CompletableFuture<Boolean> publish(String deviceId, byte[] commandJson) {
        Optional<MqttSession> receiver = commandReceiver(deviceId);
        if (receiver.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        MqttSession session = receiver.get();
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        session.context().runOnContext(v -> {
            try {
                if (session.receivingCommands()) {
                    session.commands().send(commandJson, session.commandsQos(), result);
                } else {
                    result.complete(false);
                }
            } catch (RuntimeException e) { // the endpoint closed between the check and the write
                result.complete(false);
            }
        });
        return result;
    }

    /** The number of sessions held. */
    public int connected() {
        return byClient.size();
    }

    /** Whether this device already holds a session under this client id (a reconnect replaces it rather than adding one). */
    boolean holds(String deviceId, String clientId) {
        return byClient.containsKey(key(deviceId, clientId));
    }

    /** Makes this the session of its (device, client id); returns the one it replaces, which the caller must close. */
    Optional<MqttSession> register(MqttSession session) {
        byDevice.compute(session.device().id(), (id, sessions) -> {
            Set<MqttSession> held = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            held.add(session);
            return held;
        });
        MqttSession replaced = byClient.put(key(session), session);
        if (replaced != null) {
            forgetDeviceSession(replaced);
        }
        return Optional.ofNullable(replaced);
    }

    /** Forgets a closed session, unless a newer connection with the same client id has replaced it already. */
    void remove(MqttSession session) {
        byClient.remove(key(session), session);
        forgetDeviceSession(session);
    }

    private Optional<MqttSession> commandReceiver(String deviceId) {
        Set<MqttSession> sessions = byDevice.get(deviceId);
        return sessions == null ? Optional.empty() : sessions.stream().filter(MqttSession::receivingCommands).findAny();
    }

    private void forgetDeviceSession(MqttSession session) {
        byDevice.computeIfPresent(session.device().id(), (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private static String key(MqttSession session) {
        return key(session.device().id(), session.clientId());
    }

    // the device id is part of the key so that no device can take over another's session by borrowing its client id
    private static String key(String deviceId, String clientId) {
        return deviceId + '\u0000' + clientId;
    }
}
