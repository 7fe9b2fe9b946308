package io.gridwarden.ingest;

import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.town.Device;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT sessions of this ingest process, live and stored: how alerting pushes commands on
 * {@code devices/{id}/commands}. One per process, shared by every MQTT endpoint instance, so that a
 * device connected on any event loop gets commands published from any thread, and there is one session
 * per client id: a newer connection with the same client id takes the session over (or, with a clean
 * start, discards it). A device may hold several sessions under different client ids (say a publisher
 * and a command listener); commands go to one that is connected and subscribed, or else to one whose
 * persistent session holds commands while the device is offline.
 *
 * <p>Memory stays bounded: each device holds at most {@link MqttSessionLimits#maxConnectionsPerDevice()}
 * connections and {@link MqttSessionLimits#maxSessionsPerDevice()} persistent sessions ({@link MqttDeviceQuota}),
 * all devices together at most {@link MqttSessionLimits#maxStoredSessions()} offline sessions, each holding at
 * most {@link MqttSessionLimits#maxHeldCommands()} commands, each kept at most {@link MqttSessionLimits#maxExpiry()}.
 * Past the stored sessions' bound, the device whose disconnect went past it loses its own session due to
 * expire first: no device can push another's sessions out. Thread-safe.
 */
public final class MqttDeviceSessions implements DeviceSessions {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDeviceSessions.class);

    /**
     * A CONNECT's session: {@code present} when a stored one is resumed; {@code discarded} a live connection a clean
     * start ended. Or, with no session, {@code refused}: the device's quota (a {@link MqttDeviceQuota} label) it would pass.
     */
    record Opened(MqttSession session, boolean present, Optional<MqttConnection> discarded, String refused) {
        static Opened refusedFor(String reason) {
            return new Opened(null, false, Optional.empty(), reason);
        }
    }

    private final ConcurrentMap<String, MqttSession> byClient = new ConcurrentHashMap<>();
    // one set per device that ever connected (bounded by the town), never removed: its lock orders a device's CONNECTs
    private final ConcurrentMap<String, Set<MqttSession>> byDevice = new ConcurrentHashMap<>();
    private final MqttSessionLimits limits;
    private final MqttDeviceQuota quota;
    private final MqttSessionMetrics metrics;
    private final MqttSession.Settings settings;
    private final Clock clock;

    public MqttDeviceSessions(IngestConfig config, PrometheusRegistry registry, Clock clock) {
        this.limits = config.sessions();
        this.quota = new MqttDeviceQuota(limits);
        this.metrics = new MqttSessionMetrics(registry);
        this.settings = new MqttSession.Settings(metrics, config.commandAckTimeout(), limits.maxHeldCommands());
        this.clock = clock;
    }

    @Override
    public boolean isConnected(String deviceId) {
        return commandReceiver(deviceId, clock.instant()).isPresent();
    }

    /**
     * Completes true once the device PUBACKs the command (QoS 1) or it is written (QoS 0), or at once when
     * the device is offline and its persistent session holds the command for its return (alerting resends
     * until the device's {@code gw.command.ack}, so a command dropped later is not lost). False when no
     * session of the device takes commands, or the session ends first. Fails when the device does not
     * PUBACK in time, refuses it, or its session drops it to make room.
     */
    @Override
    public CompletableFuture<Boolean> publish(String deviceId, byte[] commandJson) {
        Instant now = clock.instant();
        return commandReceiver(deviceId, now).map(session -> session.publish(commandJson, now))
                .orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    /** Open connections. */
    public int connected() {
        return metrics.connected().get();
    }

    /** Persistent sessions held for offline devices. */
    public int stored() {
        return metrics.stored().get();
    }

    /** Whether this (device, client id) is connected already: its reconnect replaces a connection rather than adding one. */
    boolean connectedAs(String deviceId, String clientId) {
        MqttSession session = byClient.get(key(deviceId, clientId));
        return session != null && session.live();
    }

    /**
     * Finds or makes the session a CONNECT asks for, unless the device would pass its quota; the caller sends
     * CONNACK, then {@link MqttSession#attach}es its connection.
     */
    Opened open(Device device, String clientId, MqttConnectTerms terms) {
        Set<MqttSession> held = byDevice.computeIfAbsent(device.id(), id -> ConcurrentHashMap.newKeySet());
        synchronized (held) { // a device's CONNECTs on several event loops at once still count one after the other
            Instant now = clock.instant();
            Optional<String> over = quota.refusal(held, clientId, terms.expirySeconds() > 0, now);
            return over.isPresent() ? Opened.refusedFor(over.get()) : openWithin(held, device, clientId, terms, now);
        }
    }

    private Opened openWithin(Set<MqttSession> held, Device device, String clientId, MqttConnectTerms terms, Instant now) {
        AtomicReference<MqttSession> discarded = new AtomicReference<>();
        boolean[] resumed = new boolean[1];
        MqttSession session = byClient.compute(key(device.id(), clientId), (key, existing) -> {
            if (existing != null && !terms.cleanStart() && existing.claim(now)) {
                resumed[0] = true;
                return existing;
            }
            discarded.set(existing);
            return new MqttSession(device, clientId, settings);
        });
        session.expiry(terms.expirySeconds());
        Optional<MqttConnection> discardedConnection = Optional.empty();
        if (discarded.get() != null) {
            forgetDeviceSession(discarded.get());
            discardedConnection = discarded.get().end(terms.cleanStart() ? "clean_start" : "expired");
        }
        held.add(session);
        return new Opened(session, resumed[0], discardedConnection, null);
    }

    /** A connection closed: its session ends, or (persistent) is stored until it expires. */
    void disconnected(MqttSession session, MqttConnection connection) {
        if (!session.detach(connection, clock.instant())) {
            remove(session);
        } else if (stored() > limits.maxStoredSessions()) {
            evictFirstToExpire(session.device().id());
        }
    }

    /** Ends the stored sessions past their expiry; call it now and then (it walks every session). */
    void sweepExpired() {
        Instant now = clock.instant();
        for (MqttSession session : byClient.values()) {
            if (session.endIfExpired(now)) {
                remove(session);
            }
        }
    }

    /** Drops the stored session of {@code deviceId} due to expire first: the device that went past the bound pays for it. */
    private void evictFirstToExpire(String deviceId) {
        byDevice.getOrDefault(deviceId, Set.of()).stream().filter(MqttSession::stored)
                .min(Comparator.comparing(MqttSession::expiresAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .ifPresent(oldest -> {
                    LOG.warn("{} persistent MQTT sessions are stored (the limit); dropping that of {} (client id {}), its first due to expire",
                            stored(), oldest.device().id(), oldest.clientId());
                    oldest.end("evicted");
                    remove(oldest);
                });
    }

    private void remove(MqttSession session) {
        byClient.remove(key(session.device().id(), session.clientId()), session);
        forgetDeviceSession(session);
    }

    private Optional<MqttSession> commandReceiver(String deviceId, Instant now) {
        Set<MqttSession> sessions = byDevice.get(deviceId);
        if (sessions == null) {
            return Optional.empty();
        }
        MqttSession holding = null;
        for (MqttSession session : sessions) {
            if (session.receivingLive()) {
                return Optional.of(session);
            }
            if (holding == null && session.takesCommands(now)) {
                holding = session;
            }
        }
        return Optional.ofNullable(holding);
    }

    private void forgetDeviceSession(MqttSession session) {
        Set<MqttSession> held = byDevice.get(session.device().id());
        if (held != null) {
            held.remove(session);
        }
    }

    // the device id is part of the key so that no device can take over another's session by borrowing its client id
    private static String key(String deviceId, String clientId) {
        return deviceId + '\u0000' + clientId;
    }
}
