package io.gridwarden.alerting;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal Server-Sent Events reader over a real HTTP connection: parses events, keeps comment lines apart. */
public final class SseClient implements AutoCloseable {

    /** One event as sent on the wire. */
    public record Event(String id, String event, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final StringBuilder pending = new StringBuilder();
    private final HttpClient client;
    private HttpClientResponse response;
    private volatile String lastId;

    private SseClient(HttpClient client) {
        this.client = client;
    }

    /** Opens the stream; returns once the response headers have arrived. */
    public static SseClient open(Vertx vertx, int port, String pathAndQuery, Map<String, String> headers) throws Exception {
        HttpClient client = vertx.createHttpClient();
        SseClient sse = new SseClient(client);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(pathAndQuery);
        headers.forEach(options::addHeader);
        sse.response = client.request(options)
                .compose(request -> request.send())
                .onSuccess(r -> r.handler(buffer -> sse.received(buffer.toString())))
                .await(AlertingHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return sse;
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.getHeader(name);
    }

    /** The last id seen in any block, events and comment blocks alike: what a browser would send as Last-Event-ID. */
    public String lastId() {
        return lastId;
    }

    public Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event arrived within " + timeout);
        }
        return event;
    }

    public String nextComment(Duration timeout) throws InterruptedException {
        String comment = comments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (comment == null) {
            throw new AssertionError("no comment line arrived within " + timeout);
        }
        return comment;
    }

    private synchronized void received(String chunk) {
        pending.append(chunk);
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            parse(pending.substring(0, end));
            pending.delete(0, end + 2);
        }
    }

    private void parse(String block) {
        String id = null;
        String event = null;
        StringBuilder data = null;
        java.util.List<String> blockComments = new java.util.ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.startsWith(":")) {
                blockComments.add(line.substring(1).trim());
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
                lastId = id;
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        comments.addAll(blockComments); // after lastId, so a test that saw the comment sees the block's id
        if (data != null) {
            events.add(new Event(id, event, data.toString()));
        }
    }

    @Override
    public void close() throws Exception {
        client.close().await(AlertingHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
