package io.gridwarden.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The devices' side of command delivery for the tests: a command gateway on loopback that answers 200 and counts, per
 * command id, the deliveries it answered 2xx to. Each alerting instance gets its own path ({@code /<instance>/…}), so
 * every delivery is known by who made it. {@link #hold} stops answering one instance (its requests wait, as on a slow
 * device); {@link #refuseHeld} then answers them 503, uncounted.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One answered delivery: the command id and the instance that delivered it. */
    record Delivery(String command, String instance) {}

    final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The command gateway URL to give {@code instance}. */
    String gatewayFor(String instance) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + instance;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String instance = exchange.getRequestURI().getPath().split("/")[1];
            JsonNode command = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            String id = command.path("id").asText();
            if (held.contains(instance)) {
                waiting.add(id);
                releases.computeIfAbsent(instance, i -> new CountDownLatch(1)).await();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            delivered.add(new Delivery(id, instance));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From now on {@code instance}'s deliveries wait unanswered. */
    void hold(String instance) {
        held.add(instance);
    }

    /** Answers {@code instance}'s waiting deliveries 503 (not delivered); returns the command ids that were waiting. */
    Set<String> refuseHeld(String instance) {
        releases.computeIfAbsent(instance, i -> new CountDownLatch(1)).countDown();
        return Set.copyOf(waiting);
    }

    /** How many times each command was answered 2xx, by any instance. */
    Map<String, Long> countsById() {
        return delivered.stream().collect(java.util.stream.Collectors.groupingBy(Delivery::command, java.util.stream.Collectors.counting()));
    }

    Set<String> deliveredBy(String instance) {
        return delivered.stream().filter(d -> d.instance().equals(instance)).map(Delivery::command)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void close() {
        releases.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}
