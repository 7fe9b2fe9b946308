package io.gridwarden.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.metrics.PrometheusText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceMetricsTest {

    @Test
    void shouldCountStoredRefusedAndHeldPictures(@TempDir Path dir) {
        var registry = new PrometheusRegistry();
        try (var store = FileEvidenceStore.open(dir, new EvidenceLimits(1000, 5000, Duration.ofDays(1), Duration.ofHours(1)),
                Clock.systemUTC())) {
            EvidenceMetrics.track(registry, store);
            store.put(Pictures.jpeg(300, 1), "image/jpeg");
            store.put(Pictures.jpeg(300, 1), "image/jpeg");
            assertThatThrownBy(() -> store.put(new byte[] {1, 2, 3, 4}, null));

            String text = new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);

            assertThat(text).contains("gridwarden_evidence_stored_total{outcome=\"new\"} 1.0",
                    "gridwarden_evidence_stored_total{outcome=\"duplicate\"} 1.0",
                    "gridwarden_evidence_refused_total{reason=\"evidence-not-an-image\"} 1.0",
                    "gridwarden_evidence_stored_bytes_total 300.0", "gridwarden_evidence_bytes 300.0", "gridwarden_evidence_pictures 1.0");
        }
    }
}
