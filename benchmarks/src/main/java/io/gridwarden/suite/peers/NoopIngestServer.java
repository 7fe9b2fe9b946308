package io.gridwarden.suite.peers;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.ParsedEvents;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;

/**
 * The HTTP ceiling with our own stack: Vert.x, the same route, the same parsing ({@link EventCodec#parse}),
 * a 202 at once: no authentication, no de-duplication, no log, no fsync. The gap between this and
 * gridwarden is what durability and the rest of ingest cost.
 */
public final class NoopIngestServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private NoopIngestServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static NoopIngestServer start() throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/v1/events").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(NoopIngestServer::accept);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        return new NoopIngestServer(vertx, server);
    }

    private static void accept(RoutingContext ctx) {
        ParsedEvents parsed = EventCodec.parse(ctx.body().buffer().getBytes(), Instant.now());
        if (!parsed.valid()) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                .end("{\"accepted\":" + parsed.events().size() + ",\"duplicates\":0}");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
