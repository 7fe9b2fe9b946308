package io.gridwarden.alerting;

import io.gridwarden.alerting.api.AlertStream;
import io.gridwarden.alerting.api.OperatorAuth;
import io.gridwarden.alerting.api.Problems;
import io.gridwarden.alerting.api.ViolationRoutes;
import io.gridwarden.alerting.delivery.CommandDelivery;
import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.alerting.delivery.WebhookChannel;
import io.gridwarden.alerting.tail.ActionTailer;
import io.gridwarden.alerting.view.ViolationView;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.common.town.Town;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.List;

/**
 * Alerting: follows the action log, delivers commands to devices, keeps the violation view and
 * serves the operations API (alert stream, violations, health, metrics) on {@code httpPort}.
 * The action log has a single partition, {@link #ACTION_PARTITION}.
 */
public final class AlertingVerticle extends VerticleBase {

    public static final int ACTION_PARTITION = 0;

    private final AlertingConfig config;
    private final Town town;
    private final RecordLog actionLog;
    private final PrometheusRegistry registry;
    private final Clock clock;
    private AlertingMetrics metrics;
    private DeliveredCommands delivered;
    private WebClient webClient;
    private CommandDelivery delivery;
    private ActionTailer tailer;
    private AlertStream alertStream;
    private ViolationRoutes routes;
    private HttpServer server;

    public AlertingVerticle(AlertingConfig config, Town town, RecordLog actionLog, PrometheusRegistry registry) {
        this(config, town, actionLog, registry, Clock.systemUTC());
    }

    AlertingVerticle(AlertingConfig config, Town town, RecordLog actionLog, PrometheusRegistry registry, Clock clock) {
        this.config = config;
        this.town = town;
        this.actionLog = actionLog;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        metrics = new AlertingMetrics(registry);
        return vertx.executeBlocking(() -> DeliveredCommands.open(config.dataDir().resolve("delivered-commands")))
                .compose(store -> {
                    delivered = store;
                    wire();
                    return vertx.createHttpServer().requestHandler(router()).listen(config.httpPort(), config.host());
                })
                .onSuccess(s -> {
                    server = s;
                    tailer.start();
                })
                .onFailure(e -> releaseResources());
    }

    @Override
    public Future<?> stop() {
        if (tailer != null) {
            tailer.stop();
        }
        if (delivery != null) {
            delivery.close();
        }
        if (alertStream != null) {
            alertStream.closeAll();
        }
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> vertx.executeBlocking(() -> {
            releaseResources();
            return null;
        }));
    }

    /** The port the operations API listens on (useful when {@code httpPort} is 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    private void wire() {
        ViolationView view = new ViolationView(config.maxViolations(), metrics);
        String gateway = config.commandGatewayOverride() != null ? config.commandGatewayOverride() : town.commandGateway().orElse(null);
        webClient = WebClient.create(vertx);
        // An MQTT channel goes first in this list once devices can hold sessions with alerting.
        delivery = new CommandDelivery(vertx, List.of(new WebhookChannel(webClient, town, gateway, config.deliveryTimeout())),
                delivered, config.retry(), config.maxInFlightDeliveries(), metrics, clock,
                (target, command) -> view.commandExpired(command.violation(), target, command, clock.instant()));
        tailer = new ActionTailer(context, actionLog, ACTION_PARTITION, view, delivery, delivered, metrics, clock);
        alertStream = new AlertStream(actionLog, ACTION_PARTITION, config.keepAliveInterval(), metrics);
        routes = new ViolationRoutes(view);
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> ctx.response().end("{\"status\":\"UP\"}"));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
        router.route("/v1/*").handler(new OperatorAuth(town));
        router.get("/v1/alerts/stream").handler(alertStream::handle);
        router.get("/v1/violations").handler(routes::list);
        router.get("/v1/violations/:id").handler(routes::one);
        router.route().last().handler(ctx -> Problems.reply(ctx, 404, "Not Found", "no such resource: " + ctx.request().path()));
        router.route().failureHandler(ctx -> Problems.reply(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                "Request failed", ctx.failure() == null ? "see the status" : ctx.failure().getMessage()));
        return router;
    }

    private void ready(RoutingContext ctx) {
        boolean ready = tailer.caughtUp();
        ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
                .end("{\"status\":\"" + (ready ? "UP" : "REPLAYING") + "\",\"actionLogPosition\":" + tailer.position() + "}");
    }

    private void metrics(RoutingContext ctx) {
        vertx.executeBlocking(() -> PrometheusText.scrape(registry), false)
                .onSuccess(bytes -> ctx.response().putHeader("content-type", PrometheusText.CONTENT_TYPE).end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private void releaseResources() {
        if (webClient != null) {
            webClient.close();
        }
        if (delivered != null) {
            delivered.close();
        }
        metrics.unregister();
    }
}
