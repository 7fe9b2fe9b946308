package io.gridwarden.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** An operator's SSE connection to {@code /v1/alerts/stream}, collecting every event it receives. */
final class AlertStreamClient implements AutoCloseable {

    /** One server-sent event: its name (e.g. {@code violation.dispatched}) and its data. */
    record Alert(String event, JsonNode violation) {}

    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;

    AlertStreamClient(String opsUrl, String operatorToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(opsUrl + "/v1/alerts/stream"))
                .header("Authorization", "Bearer " + operatorToken).header("Accept", "text/event-stream").build();
        reader = new Thread(() -> read(request), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(HttpRequest request) {
        try {
            lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body();
            String[] event = {null};
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && event[0] != null) {
                    alerts.add(new Alert(event[0], readJson(line.substring(5).trim())));
                    event[0] = null;
                }
            });
        } catch (Exception e) {
            // the stream ends when the process stops or the test closes it
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("alert data is not JSON: " + text, e);
        }
    }

    boolean saw(String event, String violationId) {
        return alerts.stream().anyMatch(a -> a.event().equals(event) && a.violation().path("id").asText().equals(violationId));
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
