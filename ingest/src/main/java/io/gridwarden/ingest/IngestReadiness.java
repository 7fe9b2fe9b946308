package io.gridwarden.ingest;

import io.gridwarden.common.health.ReadinessDependency;
import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether ingest can take events, part by part, for {@code GET /health/ready}: the HTTP endpoint, the
 * MQTT listener (when this process runs one) and the event log. One per process, shared by the
 * endpoint instances: each MQTT instance says when it listens and when it stops.
 *
 * <p>The event log is asked with an empty append: it answers once the log has written (and synced)
 * nothing, so a closed or failing log shows, while a saturated one (its write queue full) still counts
 * as up: it refuses events for a moment but is not broken.
 */
public final class IngestReadiness {

    /** How long the event log may take to answer the probe before it counts as down. */
    static final Duration LOG_PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final String UP = "UP";
    private static final String DOWN = "DOWN";

    /** What one check found: {@code reason} says what is wrong when it is down. */
    record Part(String name, boolean up, String reason) {
        JsonObject toJson() {
            JsonObject json = new JsonObject().put("status", up ? UP : DOWN);
            return reason == null ? json : json.put("reason", reason);
        }
    }

    private final RecordLog eventLog;
    private final boolean mqttExpected;
    private final String mqttPorts;
    private final AtomicInteger mqttListening = new AtomicInteger();
    private final List<ReadinessDependency> dependencies = new CopyOnWriteArrayList<>();

    private IngestReadiness(RecordLog eventLog, boolean mqttExpected, String mqttPorts) {
        this.eventLog = eventLog;
        this.mqttExpected = mqttExpected;
        this.mqttPorts = mqttPorts;
    }

    /** Readiness of a process that runs both endpoints: it is not ready until MQTT listens too. */
    public static IngestReadiness httpAndMqtt(IngestConfig config, RecordLog eventLog) {
        return new IngestReadiness(eventLog, true, config.mqttPorts());
    }

    /** Readiness of a process that runs the HTTP endpoint only. */
    public static IngestReadiness httpOnly(RecordLog eventLog) {
        return new IngestReadiness(eventLog, false, null);
    }

    void dependOn(ReadinessDependency dependency) {
        dependencies.add(dependency);
    }

    void mqttListening() {
        mqttListening.incrementAndGet();
    }

    void mqttStopped() {
        mqttListening.decrementAndGet();
    }

    /** Checks every part; completes on {@code context} with the parts in a fixed order (http, mqtt, eventLog, dependencies). */
    Future<List<Part>> check(boolean httpUp, Context context) {
        Part http = new Part("http", httpUp, httpUp ? null : "the HTTP endpoint is stopping");
        return probeLog(context).map(log -> {
            List<Part> parts = new ArrayList<>(mqttExpected ? List.of(http, mqttPart(), log) : List.of(http, log));
            dependencies.forEach(d -> parts.add(d.problem().map(why -> new Part(d.name(), false, why)).orElse(new Part(d.name(), true, null))));
            return parts;
        });
    }

    /** The readiness body: overall status, and each part's status (and reason when down). */
    static JsonObject toJson(List<Part> parts) {
        JsonObject byName = new JsonObject();
        parts.forEach(part -> byName.put(part.name(), part.toJson()));
        return new JsonObject().put("status", allUp(parts) ? UP : DOWN).put("parts", byName);
    }

    static boolean allUp(List<Part> parts) {
        return parts.stream().allMatch(Part::up);
    }

    private Part mqttPart() {
        boolean up = mqttListening.get() > 0;
        return new Part("mqtt", up, up ? null : "the MQTT listener (" + mqttPorts + ") is not up");
    }

    private Future<Part> probeLog(Context context) {
        CompletableFuture<?> probe;
        try {
            probe = eventLog.append(List.of()).orTimeout(LOG_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(probe, context).transform(ar -> Future.succeededFuture(logPart(ar.cause())));
    }

    private static Part logPart(Throwable failure) {
        if (failure == null || failure instanceof LogOverloadedException) {
            return new Part("eventLog", true, null);
        }
        String reason = failure instanceof TimeoutException
                ? "the event log did not answer within " + LOG_PROBE_TIMEOUT.toMillis() + " ms"
                : "the event log cannot write: " + failure.getMessage();
        return new Part("eventLog", false, reason);
    }
}
