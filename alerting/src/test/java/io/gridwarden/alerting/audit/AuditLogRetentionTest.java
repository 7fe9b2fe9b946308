package io.gridwarden.alerting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogRetentionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldDeleteEntriesOlderThanTheRetentionOnly() {
        try (AuditLog log = AuditLog.open(dir, Duration.ofDays(30), 1_000)) {
            log.record(entry(T0, "old"));
            log.record(entry(T0.plus(Duration.ofDays(20)), "recent"));

            assertThat(log.sweep(T0.plus(Duration.ofDays(31)))).isEqualTo(1);
            assertThat(operators(log)).containsExactly("recent");
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Test
    void shouldDropTheOldestBeyondTheBoundSoAFloodCannotFillTheDisk() {
        try (AuditLog log = AuditLog.open(dir, Duration.ofDays(30), 3)) {
            for (int i = 0; i < 5; i++) {
                log.record(entry(T0.plusSeconds(i), "op-" + i));
            }

            assertThat(log.sweep(T0.plusSeconds(10))).isEqualTo(2);
            assertThat(operators(log)).containsExactly("op-4", "op-3", "op-2");
        }
    }

    @Test
    void shouldKeepCountAndOrderAcrossAReopen() {
        try (AuditLog log = AuditLog.open(dir, Duration.ofDays(30), 1_000)) {
            log.record(entry(T0, "first"));
        }
        try (AuditLog log = AuditLog.open(dir, Duration.ofDays(30), 1_000)) {
            log.record(entry(T0, "second")); // same millisecond: the sequence orders it after the first

            assertThat(log.size()).isEqualTo(2);
            assertThat(operators(log)).containsExactly("second", "first");
        }
    }

    private static java.util.List<String> operators(AuditLog log) {
        return log.page(new AuditQuery(null, null, null, 100, null)).items().stream().map(AuditEntry::operator).toList();
    }

    private static AuditEntry entry(Instant at, String operator) {
        return new AuditEntry.Attempt(at, operator, "dispatcher", "127.0.0.1", "close", "vio-1", null, "r").refused(409, "violation-over", "x");
    }
}
