package io.gridwarden.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnforcementJobMainTest {

    @Test
    void shouldReadNameValuePairsAndRejectALoneFlag() {
        assertThat(EnforcementJobMain.options(new String[] {"--town", "t.yaml", "--event-partitions", "8"}))
                .containsEntry("town", "t.yaml").containsEntry("event-partitions", "8");
        assertThatThrownBy(() -> EnforcementJobMain.options(new String[] {"--town"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--event-log");
    }
}
