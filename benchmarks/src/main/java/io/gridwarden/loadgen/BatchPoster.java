package io.gridwarden.loadgen;

import io.gridwarden.simulator.DeviceClient;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;

/**
 * POSTs load's batches over keep-alive HTTP/1.1 connections from a single Vert.x event loop. It
 * replaces the JDK {@code HttpClient}, which on a two-core machine started a thread per async step
 * and cost as much CPU per event as the ingest it measured. One poster lives for one run and closes
 * its Vert.x instance with it, so runs in one JVM (a ramp, the suite) leave no threads or connections behind.
 */
final class BatchPoster implements AutoCloseable {

    /** How long a TCP connect may take. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a batch may wait for a connection, and then for its answer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a connection may sit idle in the pool: well under ingest's idle timeout (60 s), so that the poster retires
     * an idle connection before the server closes it, rather than send a batch on it as the server's close is on its way
     * (both at 60 s, Vert.x's default, a 60 s point lost a batch so).
     */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Context loop = vertx.getOrCreateContext();
    private final HttpClient http;
    private final RequestOptions post;

    /** A poster to {@code target} with at most {@code connections} connections open. */
    BatchPoster(URI target, int connections) {
        http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                .setKeepAliveTimeout((int) KEEP_ALIVE.toSeconds()).setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()), new PoolOptions().setHttp1MaxSize(connections));
        post = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.toString()).setTimeout(REQUEST_TIMEOUT.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, DeviceClient.BATCH_CONTENT_TYPE);
    }

    /** Sends {@code body} as {@code device}; {@code done} gets, on the event loop, the status code once the answer is read, or the failure. */
    void post(String device, byte[] body, Completable<Integer> done) {
        RequestOptions request = new RequestOptions(post).putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + DeviceClient.demoToken(device));
        loop.runOnContext(v -> http.request(request)
                .compose(sending -> sending.send(Buffer.buffer(body)))
                .compose(response -> response.end().map(response.statusCode()))
                .onComplete(done));
    }

    /** Closes the connections and stops the event loop. */
    @Override
    public void close() {
        vertx.close().await();
    }
}
