package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    private static final int SAMPLES = 50_000;

    @Test
    void shouldReadEveryInstantAsItPrintsItself() {
        var random = new SplittableRandom(1);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < SAMPLES; i++) {
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanos);
            String text = instant.toString();

            assertThat(IsoInstants.print(instant)).isEqualTo(text);
            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(instant);
            assertThat(IsoInstants.writtenAsInstantPrints(text, instant)).as(text).isTrue();
        }
    }

    @Test
    void shouldPrintInstantsOutsideFourDigitYearsAsTheJdkDoes() {
        for (Instant instant : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("-0001-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"))) {
            assertThat(IsoInstants.print(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void shouldAgreeWithTheJdkOnEveryStringItAccepts() {
        var random = new SplittableRandom(2);
        int accepted = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String text = nearlyATimestamp(random);

            Instant parsed = IsoInstants.parseUtc(text);

            if (parsed != null) {
                accepted++;
                assertThat(parsed).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant()).isEqualTo(Instant.parse(text));
                assertThat(IsoInstants.writtenAsInstantPrints(text, parsed)).as(text).isEqualTo(parsed.toString().equals(text));
            } else {
                assertThat(isNotUtcShape(text) || !parsesInJdk(text)).as(text + " is refused though plain").isTrue();
            }
        }
        assertThat(accepted).isGreaterThan(SAMPLES / 4);
    }

    /** A timestamp in the plain shape with each field drawn from a range a little wider than the valid one. */
    private static String nearlyATimestamp(SplittableRandom random) {
        String fraction = random.nextInt(4) == 0 ? "" : "." + "0123456789123".substring(0, random.nextInt(11))
                .replace('1', random.nextBoolean() ? '0' : '1');
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000), random.nextInt(14), random.nextInt(33),
                random.nextInt(25), random.nextInt(61), random.nextInt(61), fraction);
        return random.nextInt(20) == 0 ? text.replace('Z', 'z') : text;
    }

    /** Shapes left to the JDK on purpose: a lower-case z, or a fraction of no or more than nine digits. */
    private static boolean isNotUtcShape(String text) {
        int dot = text.indexOf('.');
        int digits = dot < 0 ? 0 : text.length() - dot - 2;
        return !text.endsWith("Z") || dot >= 0 && (digits == 0 || digits > 9);
    }

    private static boolean parsesInJdk(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
