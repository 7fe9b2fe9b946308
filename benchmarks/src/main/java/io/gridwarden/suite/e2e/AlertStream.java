package io.gridwarden.suite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An operator's connection to {@code GET /v1/alerts/stream} (server-sent events read from the action
 * log): hands each event to a listener with the wall-clock time it arrived.
 */
final class AlertStream implements AutoCloseable {

    /** One event as received: its name (e.g. {@code violation.warned}), its violation, and when it arrived (epoch ms). */
    record Alert(String event, JsonNode violation, long arrivedMillis) {}

    private final Thread reader;
    private volatile Stream<String> lines;

    AlertStream(String opsUrl, String operatorToken, Consumer<Alert> listener) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(opsUrl + "/v1/alerts/stream"))
                .header("Authorization", "Bearer " + operatorToken).header("Accept", "text/event-stream").build();
        reader = new Thread(() -> read(request, listener), "alert-stream");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(HttpRequest request, Consumer<Alert> listener) {
        try {
            lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body();
            String[] event = {null};
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && event[0] != null) {
                    long arrived = System.currentTimeMillis();
                    listener.accept(new Alert(event[0], json(line.substring(5).trim()), arrived));
                    event[0] = null;
                }
            });
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the stream ends when the process stops or the run closes it
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("alert data is not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
