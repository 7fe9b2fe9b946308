package io.gridwarden.ingest;

/**
 * Ingest's settings, typed; the defaults live here and nowhere else.
 *
 * @param host           the interface the HTTP endpoint binds to
 * @param httpPort       the HTTP port; 0 picks a free one (tests)
 * @param maxBatchEvents the most events one request may carry
 * @param maxBodyBytes   the largest request body accepted
 */
public record IngestConfig(String host, int httpPort, int maxBatchEvents, long maxBodyBytes) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public IngestConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ingest host must be set, e.g. " + DEFAULT_HOST);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("ingest HTTP port must be 0..65535 (0 = any free port), got " + httpPort);
        }
        if (maxBatchEvents < 1) {
            throw new IllegalArgumentException("maxBatchEvents must be positive, got " + maxBatchEvents);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
    }

    /** The contract's defaults: port 8080 on every interface, 1000 events and 1 MiB per request. */
    public static IngestConfig defaults() {
        return new IngestConfig(DEFAULT_HOST, DEFAULT_HTTP_PORT, DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BODY_BYTES);
    }

    public IngestConfig withHost(String newHost) {
        return new IngestConfig(newHost, httpPort, maxBatchEvents, maxBodyBytes);
    }

    public IngestConfig withHttpPort(int port) {
        return new IngestConfig(host, port, maxBatchEvents, maxBodyBytes);
    }
}
