package io.gridwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void shouldExpireAVoiceWarningAtItsExpiry() {
        assertThat(Expiry.isExpired(command(NOW.minusSeconds(1), null), NOW)).isTrue();
        assertThat(Expiry.isExpired(command(NOW.plusSeconds(1), null), NOW)).isFalse();
    }

    @Test
    void shouldExpireAnAssignmentAtItsRespondBy() {
        assertThat(Expiry.isExpired(command(null, NOW.minusSeconds(1)), NOW)).isTrue();
    }

    @Test
    void shouldNeverExpireACommandWithoutDeadline() {
        assertThat(Expiry.isExpired(command(null, null), NOW)).isFalse();
        assertThat(Expiry.deadline(command(null, null))).isEmpty();
    }

    private static Command command(Instant expires, Instant respondBy) {
        return new Command("cmd-1", Command.ASSIGNMENT, "vio-1", null, null, null, NOW, expires, null, null, null, null, null, null, respondBy);
    }
}
