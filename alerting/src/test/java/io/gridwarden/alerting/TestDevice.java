package io.gridwarden.alerting;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server playing the command gateway: records each POSTed command, answers with scripted statuses (then 200). */
public final class TestDevice implements AutoCloseable {

    /** One request the gateway received. */
    public record Received(String device, String contentType, JsonObject body) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Queue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    private TestDevice(HttpServer server) {
        this.server = server;
    }

    public static TestDevice start(Vertx vertx) throws Exception {
        TestDevice[] holder = new TestDevice[1];
        Router router = Router.router(vertx);
        router.post("/devices/:id/commands").handler(BodyHandler.create()).handler(ctx -> {
            holder[0].received.add(new Received(ctx.pathParam("id"), ctx.request().getHeader("content-type"),
                    ctx.body().asJsonObject()));
            Integer status = holder[0].scriptedStatuses.poll();
            ctx.response().setStatusCode(status == null ? 200 : status).end();
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        holder[0] = new TestDevice(server);
        return holder[0];
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The next answers, in order; afterwards every request gets 200. */
    public void answer(int... statuses) {
        for (int status : statuses) {
            scriptedStatuses.add(status);
        }
    }

    /** Waits for the next request (failing the test when none comes within the timeout). */
    public Received next(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("the device received no command within " + timeout);
        }
        return next;
    }

    /** Requests received and not yet taken with {@link #next}. */
    public java.util.List<Received> pending() {
        return java.util.List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }
}
