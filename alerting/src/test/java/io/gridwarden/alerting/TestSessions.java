package io.gridwarden.alerting;

import io.gridwarden.common.command.DeviceSessions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small in-memory stand-in for ingest's MQTT sessions: connected devices take every publish and keep it. */
public final class TestSessions implements DeviceSessions {

    /** One command published to a device's commands topic. */
    public record Published(String device, JsonObject command) {}

    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final List<Published> published = new CopyOnWriteArrayList<>();

    public void connect(String device) {
        connected.add(device);
    }

    @Override
    public boolean isConnected(String deviceId) {
        return connected.contains(deviceId);
    }

    @Override
    public CompletableFuture<Boolean> publish(String deviceId, byte[] commandJson) {
        if (!connected.contains(deviceId)) {
            return CompletableFuture.completedFuture(false);
        }
        published.add(new Published(deviceId, new JsonObject(new String(commandJson, java.nio.charset.StandardCharsets.UTF_8))));
        return CompletableFuture.supplyAsync(() -> true); // answered from another thread, as a PUBACK would be
    }

    public List<Published> published() {
        return List.copyOf(published);
    }
}
