package io.gridwarden.alerting.view;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.tanshiViolation;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.AlertingMetrics;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationViewTest {

    private final ViolationView view = new ViolationView(2, new AlertingMetrics(new PrometheusRegistry()));

    @Test
    void shouldKeepTheLatestStatusAndEveryStepOnTheTimeline() {
        view.apply(0, hecunViolation("t-1", ViolationStatus.DETECTED));
        view.apply(1, hecunViolation("t-1", ViolationStatus.WARNED));
        ViolationRecord record = view.get(hecunViolation("t-1", ViolationStatus.WARNED).id()).orElseThrow();
        assertThat(record.latest().status()).isEqualTo(ViolationStatus.WARNED);
        assertThat(record.timeline()).extracting(TimelineEntry::status).containsExactly("detected", "warned");
        assertThat(record.toJson().get("timeline").size()).isEqualTo(2);
    }

    @Test
    void shouldDropTheLeastRecentlyUpdatedBeyondCapacity() {
        Violation a = hecunViolation("a", ViolationStatus.DETECTED);
        Violation b = hecunViolation("b", ViolationStatus.DETECTED);
        Violation c = hecunViolation("c", ViolationStatus.DETECTED);
        view.apply(0, a);
        view.apply(1, b);
        view.apply(2, a.withStatus(ViolationStatus.WARNED, a.updatedAt(), null)); // a is now the most recent
        view.apply(3, c);
        assertThat(view.size()).isEqualTo(2);
        assertThat(view.get(b.id())).isEmpty();
        assertThat(view.newest(v -> true, 10)).extracting(r -> r.latest().id()).containsExactly(c.id(), a.id());
    }

    @Test
    void shouldListOnlyWhatTheFilterLets() {
        view.apply(0, hecunViolation("h", ViolationStatus.DISPATCHED));
        view.apply(1, tanshiViolation("t", ViolationStatus.DISPATCHED));
        ViolationFilter tanshiOnly = ViolationFilter.parse(List.of("tanshi"), null, null, null);
        assertThat(view.newest(tanshiOnly, 10)).extracting(r -> r.latest().jurisdiction()).containsExactly("tanshi");
    }
}
