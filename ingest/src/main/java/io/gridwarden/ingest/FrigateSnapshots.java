package io.gridwarden.ingest;

import io.gridwarden.common.evidence.EvidenceStore;
import io.gridwarden.common.town.FrigateNvr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frigate's snapshots of its events, fetched from the NVR's HTTP API ({@code <api>/api/events/<id>/snapshot.jpg},
 * the API named in the town file, never a URL from a message) into the evidence store, for NVRs whose entry says
 * {@code snapshots: {fetch: true}}. A fetch is bounded: {@link #TIMEOUT} in all, at most the store's largest
 * picture read, no redirects, {@link #MAX_IN_FLIGHT} at once per NVR (beyond: skipped); once per Frigate event id
 * and message type ({@link #wanted}). A fetch that fails yields no ref, never a failure: the frame goes without
 * evidence. Each outcome is counted ({@link FrigateMetrics#snapshot}).
 */
final class FrigateSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(FrigateSnapshots.class);
    /** The longest a frame waits for its picture (and so its PUBACK), on top of storing it. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_IN_FLIGHT = 4;
    /** How many (event id, type) pairs are remembered as fetched: Frigate tracks far fewer objects at once. */
    private static final int REMEMBERED = 8192;

    private final Supplier<EvidenceStore> store;
    private final FrigateMetrics metrics;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 10, 60_000, System::currentTimeMillis);
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Boolean> fetched = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private Vertx clientOwner;
    private WebClient client;

    FrigateSnapshots(Supplier<EvidenceStore> store, FrigateMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Whether this message's snapshot is to be fetched: the NVR fetches, the event has a snapshot and its object is
     * on the camera ({@code new} or {@code update}; an {@code end} frame no longer shows it), and this event id has not
     * had a fetch for this type yet: one on {@code new}, one on the first {@code update} with a snapshot.
     */
    boolean wanted(FrigateNvr nvr, FrigateEvent event) {
        if (!nvr.fetchSnapshots() || !event.hasSnapshot() || !event.present() || event.type() == FrigateEvent.Type.END) {
            return false;
        }
        synchronized (fetched) {
            return fetched.putIfAbsent(nvr.id() + "/" + event.id() + "/" + event.type().wireName(), Boolean.TRUE) == null;
        }
    }

    /** The ref of the event's snapshot once stored, or null when it could not be fetched or stored (counted). */
    Future<String> fetch(Vertx vertx, FrigateNvr nvr, String eventId) {
        AtomicInteger running = inFlight.computeIfAbsent(nvr.id(), id -> new AtomicInteger());
        if (running.incrementAndGet() > MAX_IN_FLIGHT) {
            running.decrementAndGet();
            metrics.snapshot(FrigateMetrics.SNAPSHOT_BUSY);
            return Future.succeededFuture(null);
        }
        EvidenceStore evidence = store.get();
        String url = nvr.snapshotUrl(eventId).orElseThrow();
        return client(vertx).getAbs(url).timeout(TIMEOUT.toMillis()).as(FrigateSnapshotBody.codec(evidence.maxPictureBytes())).send()
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .compose(FrigateSnapshots::picture)
                .compose(picture -> vertx.executeBlocking(() -> evidence.put(picture.getBytes(), null), false)
                        .recover(refused -> Future.failedFuture(new Outcome(FrigateMetrics.SNAPSHOT_REFUSED, refused.getMessage()))))
                .map(ref -> {
                    metrics.snapshot(FrigateMetrics.SNAPSHOT_STORED);
                    return ref.value();
                })
                .otherwise(failure -> {
                    String outcome = outcome(failure);
                    metrics.snapshot(outcome);
                    failures.warn("no snapshot of Frigate event {} from {} ({}): {}", eventId, nvr.id(), outcome, failure.getMessage());
                    return null;
                })
                .andThen(done -> running.decrementAndGet());
    }

    private static Future<Buffer> picture(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(new Outcome(FrigateMetrics.SNAPSHOT_HTTP_ERROR, "HTTP " + response.statusCode()));
        }
        return Future.succeededFuture(response.body());
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof Outcome known) {
            return known.outcome;
        }
        if (failure instanceof FrigateSnapshotBody.TooLarge) {
            return FrigateMetrics.SNAPSHOT_TOO_LARGE;
        }
        if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
            return FrigateMetrics.SNAPSHOT_TIMEOUT;
        }
        return FrigateMetrics.SNAPSHOT_FAILED;
    }

    private synchronized WebClient client(Vertx vertx) {
        if (client == null || clientOwner != vertx) {
            clientOwner = vertx;
            client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setMaxRedirects(0)
                    .setConnectTimeout((int) TIMEOUT.toMillis()).setIdleTimeout((int) TIMEOUT.toSeconds())
                    .setUserAgent("gridwarden-ingest"));
        }
        return client;
    }

    /** A fetch that ended with a known outcome. */
    private static final class Outcome extends RuntimeException {
        private final String outcome;

        Outcome(String outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }
}
