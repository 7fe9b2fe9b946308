package io.gridwarden.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamPositionsTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveBackThePositionAnIdWasMadeFor() {
        StreamPositions positions = StreamPositions.open(dir.resolve("key"));
        for (long position : new long[] {0, 1, 199, 1L << 40, Long.MAX_VALUE}) {
            assertThat(positions.position(positions.id(position))).isEqualTo(position);
        }
    }

    @Test
    void shouldMakeADifferentIdOfTheSameLengthEachTime() {
        StreamPositions positions = StreamPositions.open(dir.resolve("key"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(positions.id(42));
            ids.add(positions.id(i));
        }
        assertThat(ids).hasSize(2_000).allSatisfy(id -> assertThat(id).hasSize(StreamPositions.ID_LENGTH).matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void shouldRefuseAnIdThatWasAlteredForgedOrMadeUnderAnotherKey() {
        StreamPositions positions = StreamPositions.open(dir.resolve("key"));
        String id = positions.id(7);
        String altered = id.substring(0, 20) + (id.charAt(20) == 'A' ? 'B' : 'A') + id.substring(21);
        StreamPositions other = StreamPositions.open(dir.resolve("other-key"));
        for (String bad : new String[] {altered, "12", "-1", "", "not base64!", other.id(7)}) {
            assertThatThrownBy(() -> positions.position(bad)).as(bad).isInstanceOf(InvalidParameter.class)
                    .satisfies(e -> assertThat(((InvalidParameter) e).parameter()).isEqualTo("Last-Event-ID"));
        }
    }

    @Test
    void shouldKeepItsKeyAcrossRestartsInAFileOnlyItsUserReads() throws Exception {
        Path file = dir.resolve("alerting").resolve("stream-ids.key");
        String id = StreamPositions.open(file).id(12_345);
        assertThat(StreamPositions.open(file).position(id)).isEqualTo(12_345);
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
