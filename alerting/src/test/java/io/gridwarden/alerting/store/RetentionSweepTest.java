package io.gridwarden.alerting.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.AlertingFixtures;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldDeleteOnlyViolationsThatAreOverAndOlderThanTheRetention() {
        Violation oldClosed = AlertingFixtures.violation("a", "cam-0001", "hecun", ViolationStatus.CLOSED, NOW.minus(Duration.ofDays(100)));
        Violation oldOpen = AlertingFixtures.violation("b", "cam-0001", "hecun", ViolationStatus.DISPATCHED, NOW.minus(Duration.ofDays(100)));
        Violation recentClosed = AlertingFixtures.violation("c", "cam-0001", "hecun", ViolationStatus.CLOSED, NOW.minus(Duration.ofDays(3)));
        try (ViolationStore store = ViolationStore.open(dir)) {
            store.apply(page -> {
                page.update(0, oldClosed);
                page.update(1, oldOpen);
                page.update(2, recentClosed);
            }, 2);

            assertThat(store.sweep(NOW.minus(Duration.ofDays(90)), 100)).isEqualTo(1);

            assertThat(store.get(oldClosed.id())).isEmpty();
            assertThat(store.get(oldOpen.id())).isPresent();
            assertThat(store.get(recentClosed.id())).isPresent();
            assertThat(store.openCounts()).containsEntry(ViolationStatus.DISPATCHED, 1L);
            assertThat(store.nextOffset()).isEqualTo(3);
        }
    }

    @Test
    void shouldIgnoreAnUpdateItHasAlreadyApplied() {
        Violation warned = AlertingFixtures.hecunViolation("d", ViolationStatus.WARNED);
        try (ViolationStore store = ViolationStore.open(dir)) {
            store.apply(page -> page.update(5, warned), 5);
            store.apply(page -> page.update(5, warned), 5);

            assertThat(store.get(warned.id()).orElseThrow().timeline()).hasSize(1);
        }
    }
}
