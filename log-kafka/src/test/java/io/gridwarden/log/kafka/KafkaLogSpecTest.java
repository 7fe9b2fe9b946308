package io.gridwarden.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaLogSpecTest {

    private static final KafkaLogSpec EVENTS = KafkaLogSpec.of("kafka-1:9092", "gridwarden.events", 8, "gridwarden-enforcement");

    @Test
    void shouldTakeItsDefaultsFromOnePlace() {
        assertThat(EVENTS.maxPendingAppends()).isEqualTo(KafkaLogSpec.DEFAULT_MAX_PENDING_APPENDS);
        assertThat(EVENTS.appendTimeout()).isEqualTo(KafkaLogSpec.DEFAULT_APPEND_TIMEOUT);
        assertThat(EVENTS.startupTimeout()).isEqualTo(KafkaLogSpec.DEFAULT_STARTUP_TIMEOUT);
        assertThat(EVENTS.recentKeys()).isEqualTo(KafkaLogSpec.DEFAULT_RECENT_KEYS);
        assertThat(EVENTS.transactionalId()).startsWith("gridwarden.gridwarden.events.");
        assertThat(EVENTS.clientProperties()).isEmpty();
    }

    @Test
    void shouldRefuseClientPropertiesTheGuaranteesRestOn() {
        assertThatThrownBy(() -> EVENTS.withClientProperties(Map.of("acks", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks is set by the log itself");
        assertThatThrownBy(() -> EVENTS.withClientProperties(Map.of("isolation.level", "read_uncommitted")))
                .hasMessageContaining("isolation.level");
        assertThat(EVENTS.withClientProperties(Map.of("security.protocol", "SSL")).clientProperties())
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldRefuseAMissingBootstrapTopicOrGroupAndNonPositiveLimits() {
        assertThatThrownBy(() -> KafkaLogSpec.of(" ", "t", 1, "g")).hasMessageContaining("bootstrapServers is missing");
        assertThatThrownBy(() -> KafkaLogSpec.of("k:9092", "", 1, "g")).hasMessageContaining("topic is missing");
        assertThatThrownBy(() -> KafkaLogSpec.of("k:9092", "t", 1, null)).hasMessageContaining("groupId is missing");
        assertThatThrownBy(() -> KafkaLogSpec.of("k:9092", "t", 0, "g")).hasMessageContaining("at least one partition");
        assertThatThrownBy(() -> EVENTS.withMaxPendingAppends(0)).hasMessageContaining("maxPendingAppends");
        assertThatThrownBy(() -> EVENTS.withTimeouts(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> EVENTS.withRecentKeys(-1)).hasMessageContaining("recentKeys");
    }
}
