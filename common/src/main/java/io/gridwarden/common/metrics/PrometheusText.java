package io.gridwarden.common.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders a registry in the Prometheus text format, for every service's {@code GET /metrics}. */
public final class PrometheusText {

    private static final PrometheusTextFormatWriter WRITER = ExpositionFormats.init().getPrometheusTextFormatWriter();
    public static final String CONTENT_TYPE = WRITER.getContentType();

    private PrometheusText() {}

    public static byte[] scrape(PrometheusRegistry registry) {
        var out = new ByteArrayOutputStream(16 * 1024);
        try {
            WRITER.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
