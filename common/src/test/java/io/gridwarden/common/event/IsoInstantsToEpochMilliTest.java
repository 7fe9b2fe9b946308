package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read common form gives exactly {@link Instant#parse}'s millis; every other form is Instant.parse's to judge. */
class IsoInstantsToEpochMilliTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-22T08:00:00Z", "2026-11-22T08:00:00.1Z", "2026-11-22T08:00:00.12Z", "2026-11-22T08:00:00.123Z",
        "2026-11-22T08:00:00.1234Z", "2026-11-22T08:00:00.999999999Z", "2026-12-31T23:59:59.999Z", "2024-02-29T12:30:45.5Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9Z",
        // not the common form: read by Instant.parse
        "2026-11-22T08:00:00+08:00", "2026-11-22t08:00:00z", "+12026-11-22T08:00:00Z", "2016-12-31T23:59:60Z",
        "2026-11-22T24:00:00Z", "2026-11-22T08:00:00.Z"})
    void shouldReadTheMillisInstantParseReads(String text) {
        assertThat(IsoInstants.toEpochMilli(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T08:00:00Z", "2026-13-01T08:00:00Z", "2026-11-22T08:60:00Z",
        "2026-11-22T08:00:00.1234567890Z", "2026-11-22 08:00:00Z", "2026-11-22T08:00:0xZ", "yesterday"})
    void shouldRefuseWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.toEpochMilli(text)).isInstanceOf(DateTimeParseException.class);
    }
}
