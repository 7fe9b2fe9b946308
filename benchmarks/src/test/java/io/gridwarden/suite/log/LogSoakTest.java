package io.gridwarden.suite.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSoakTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("A short soak stores what it was asked to, reports as it goes, and its re-sent events come back as duplicates")
    void shouldFillTheLogAndCatchEveryResentEvent() throws Exception {
        var printed = new ByteArrayOutputStream();

        List<LogSoak.Interval> intervals = new LogSoak(dir.resolve("log"), 2, 2, 50, 20)
                .run(20_000, Duration.ofMinutes(2), Duration.ofMillis(200), 100, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(intervals).isNotEmpty();
        LogSoak.Interval last = intervals.get(intervals.size() - 1);
        assertThat(last.events()).isGreaterThanOrEqualTo(20_000);
        assertThat(last.diskBytes()).isPositive();
        assertThat(last.residentBytes()).isPositive();
        assertThat(last.resent()).isEqualTo(100);
        assertThat(intervals).allSatisfy(i -> assertThat(i.resentDuplicates()).isEqualTo(i.resent()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("re-sent 100: 100 duplicates");
    }
}
