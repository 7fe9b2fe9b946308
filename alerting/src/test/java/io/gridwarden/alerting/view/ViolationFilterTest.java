package io.gridwarden.alerting.view;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.tanshiViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.action.ViolationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationFilterTest {

    @Test
    void shouldLetAnAdminWithStarSeeEveryJurisdiction() {
        ViolationFilter all = ViolationFilter.parse(List.of("*"), null, null, null);
        assertThat(all.test(hecunViolation("t", ViolationStatus.DETECTED))).isTrue();
        assertThat(all.test(tanshiViolation("t", ViolationStatus.DETECTED))).isTrue();
    }

    @Test
    void shouldNotWidenScopeThroughTheJurisdictionFilter() {
        ViolationFilter sneaky = ViolationFilter.parse(List.of("tanshi"), "hecun", null, null);
        assertThat(sneaky.test(hecunViolation("t", ViolationStatus.DETECTED))).isFalse();
    }

    @Test
    void shouldMatchAnyOfCommaSeparatedValues() {
        ViolationFilter filter = ViolationFilter.parse(List.of("*"), null, "illegal_parking, street_vending", "warned,dispatched");
        assertThat(filter.test(hecunViolation("t", ViolationStatus.DISPATCHED))).isTrue();
        assertThat(filter.test(hecunViolation("t", ViolationStatus.DETECTED))).isFalse();
    }

    @Test
    void shouldNameTheValidStatusesWhenOneIsUnknown() {
        assertThatThrownBy(() -> ViolationFilter.parse(List.of("*"), null, null, "lost"))
                .hasMessageContaining("unknown status 'lost'").hasMessageContaining("resolved_by_warning");
    }
}
