package io.gridwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveredCommandsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldKeepADeliveredCommandAtLeastTheKeepTimeThenDeleteIt() {
        try (DeliveredCommands store = DeliveredCommands.open(dir)) {
            store.markDelivered(command("cmd-1", NOW.plus(Duration.ofMinutes(10))), NOW);

            assertThat(store.sweep(NOW.plus(DeliveredCommands.KEEP_AT_LEAST).minusSeconds(1))).isZero();
            assertThat(store.contains("cmd-1")).isTrue();
            assertThat(store.sweep(NOW.plus(DeliveredCommands.KEEP_AT_LEAST).plusSeconds(1))).isEqualTo(1);
            assertThat(store.contains("cmd-1")).isFalse();
        }
    }

    @Test
    void shouldKeepACommandUntilItsDeadlineWhenThatIsLater() {
        Instant deadline = NOW.plus(DeliveredCommands.KEEP_AT_LEAST).plus(Duration.ofDays(3));
        try (DeliveredCommands store = DeliveredCommands.open(dir)) {
            store.markDelivered(command("cmd-late", deadline), NOW);

            assertThat(store.sweep(deadline.minusSeconds(1))).isZero();
            assertThat(store.sweep(deadline.plusSeconds(1))).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepAnAcknowledgementTheKeepTimeFromWhenItCame() {
        try (DeliveredCommands store = DeliveredCommands.open(dir)) {
            store.markAcked("cmd-2", NOW);

            assertThat(store.sweep(NOW.plus(Duration.ofDays(1)))).isZero();
            assertThat(store.isAcked("cmd-2")).isTrue();
            assertThat(store.sweep(NOW.plus(DeliveredCommands.KEEP_AT_LEAST).plusSeconds(1))).isEqualTo(1);
            assertThat(store.isAcked("cmd-2")).isFalse();
        }
    }

    private static Command command(String id, Instant expires) {
        return new Command(id, Command.VOICE_WARNING, "vio-1", "text", "clip", 1, NOW, expires, null, null, null, null, null, null, null);
    }
}
