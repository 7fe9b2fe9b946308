package io.gridwarden.common.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant ISSUED = Instant.parse("2026-11-22T08:01:00Z");
    private final CommandIds ids = CommandIds.of(SECRET);

    @Test
    void shouldMakeTheSameIdFromTheSameSecretAndInput() {
        String id = ids.make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED);

        assertThat(CommandIds.of(SECRET.clone()).make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED)).isEqualTo(id);
        assertThat(id).matches("cmd-[0-9a-f]{20}-[0-9a-f]{32}");
    }

    @Test
    void shouldMakeDifferentIdsUnderAnotherSecret() {
        byte[] other = Arrays.copyOf(SECRET, SECRET.length);
        other[0] ^= 1;

        assertThat(CommandIds.of(other).make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED))
                .isNotEqualTo(ids.make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED));
    }

    @Test
    void shouldRecogniseACommandOnlyForItsRecipient() {
        String id = ids.make("vio-1", Command.VOICE_WARNING, "cam-0001", ISSUED);

        assertThat(ids.isFor("cam-0001", id)).isTrue();
        assertThat(ids.isFor("cam-0002", id)).isFalse();
        assertThat(CommandIds.random().isFor("cam-0001", id)).isFalse();
    }

    @Test
    void shouldRefuseIdsComputedFromPublicFactsAlone() {
        // The old form: SHA-256 of violation|type|target|issued, which anybody who saw the violation could compute.
        String unsigned = "cmd-" + sha256Prefix("vio-1|" + Command.VOICE_WARNING + "|cam-0001|" + ISSUED.toEpochMilli());
        String signed = ids.make("vio-1", Command.VOICE_WARNING, "cam-0001", ISSUED);
        String forged = signed.substring(0, signed.length() - 1) + (signed.endsWith("0") ? "1" : "0");

        assertThat(ids.isFor("cam-0001", unsigned)).isFalse();
        assertThat(ids.isFor("cam-0001", forged)).isFalse();
        assertThat(ids.isFor("cam-0001", "x".repeat(800))).isFalse();
        assertThat(ids.isFor("cam-0001", null)).isFalse();
        assertThat(ids.isFor("cam-0001", signed.toUpperCase())).isFalse();
    }

    @Test
    void shouldRefuseASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> CommandIds.of(new byte[31])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void shouldNeverPrintTheSecret() {
        assertThat(ids.toString()).doesNotContain(HexFormat.of().formatHex(SECRET)).doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
    }

    private static String sha256Prefix(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 10);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
