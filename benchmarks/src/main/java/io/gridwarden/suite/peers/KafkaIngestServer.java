package io.gridwarden.suite.peers;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.ParsedEvents;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The durable design most teams would write instead of gridwarden's ingest: a Vert.x endpoint that
 * parses like gridwarden ({@link EventCodec#parse}), sends each event to Kafka with an idempotent
 * {@code acks=all} producer keyed by device, and answers 202 once the broker has acknowledged every
 * event of the request. No authentication, no de-duplication beyond the producer's own retries.
 * With the suite's broker (one node, fsync on every append) "acknowledged" means on disk, as
 * gridwarden's 202 does.
 */
public final class KafkaIngestServer implements AutoCloseable {

    static final String TOPIC = "events";

    private final Vertx vertx;
    private final HttpServer server;
    private final KafkaProducer<String, byte[]> producer;

    private KafkaIngestServer(Vertx vertx, HttpServer server, KafkaProducer<String, byte[]> producer) {
        this.vertx = vertx;
        this.server = server;
        this.producer = producer;
    }

    public static KafkaIngestServer start(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        var producer = new KafkaProducer<String, byte[]>(props);
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/v1/events").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(ctx -> accept(ctx, producer));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        return new KafkaIngestServer(vertx, server, producer);
    }

    private static void accept(RoutingContext ctx, KafkaProducer<String, byte[]> producer) {
        ParsedEvents parsed = EventCodec.parse(ctx.body().buffer().getBytes(), Instant.now());
        if (!parsed.valid()) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        List<DeviceEvent> events = parsed.events();
        Context context = Vertx.currentContext();
        AtomicInteger waiting = new AtomicInteger(events.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (DeviceEvent event : events) {
            producer.send(new ProducerRecord<>(TOPIC, event.source(), EventCodec.encode(event)), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                if (waiting.decrementAndGet() == 0) {
                    context.runOnContext(v -> reply(ctx, events.size(), failure.get()));
                }
            });
        }
    }

    private static void reply(RoutingContext ctx, int accepted, Exception failure) {
        if (failure != null) {
            ctx.response().setStatusCode(503).end();
        } else {
            ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end("{\"accepted\":" + accepted + ",\"duplicates\":0}");
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        producer.close();
    }
}
