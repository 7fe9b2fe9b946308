package io.gridwarden.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.evidence.Evidence;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.evidence.EvidenceRefusedException;
import io.gridwarden.common.evidence.EvidenceRefusedException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEvidenceStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final EvidenceLimits SMALL = new EvidenceLimits(1000, 2500, Duration.ofDays(1), Duration.ofHours(1));

    @TempDir
    Path dir;

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private FileEvidenceStore open() {
        return FileEvidenceStore.open(dir, SMALL, clock);
    }

    @Test
    void shouldStoreAPictureUnderTheHashOfItsBytesAndGiveItBack() throws Exception {
        byte[] picture = Pictures.jpeg(300, 7);
        try (var store = open()) {
            EvidenceRef ref = store.put(picture, "image/jpeg");

            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(picture));
            assertThat(ref.value()).isEqualTo("sha256:" + hex);
            assertThat(dir.resolve(hex.substring(0, 2)).resolve(hex)).hasBinaryContent(picture);
            Evidence back = store.get(ref).orElseThrow();
            assertThat(back.content()).isEqualTo(picture);
            assertThat(back.mediaType()).isEqualTo("image/jpeg");
            assertThat(back.storedAt()).isEqualTo(T0);
        }
    }

    @Test
    void shouldLeaveNoTemporaryFileBehindAndDiscardOnesACrashLeft() throws Exception {
        try (var store = open()) {
            store.put(Pictures.png(200), "image/png");
        }
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        Files.write(dir.resolve("tmp").resolve("abc.half-written.tmp"), new byte[] {1, 2, 3});

        try (var reopened = open()) {
            assertThat(dir.resolve("tmp")).isEmptyDirectory();
            assertThat(reopened.pictures()).isEqualTo(1);
            assertThat(reopened.totalBytes()).isEqualTo(200);
        }
    }

    @Test
    void shouldKeepOneCopyOfAPicturePutTwiceAndRestartItsAge() {
        byte[] picture = Pictures.jpeg(400, 1);
        try (var store = open()) {
            EvidenceRef first = store.put(picture, "image/jpeg");
            now = T0.plus(Duration.ofHours(20));
            EvidenceRef second = store.put(picture.clone(), null);

            assertThat(second).isEqualTo(first);
            assertThat(store.pictures()).isEqualTo(1);
            assertThat(store.totalBytes()).isEqualTo(400);
            assertThat(store.get(first).orElseThrow().storedAt()).isEqualTo(now);
        }
    }

    @Test
    void shouldKeepAWebpPictureButNotAnotherRiffFile() {
        try (var store = open()) {
            EvidenceRef ref = store.put(Pictures.webp(300), "image/webp");

            assertThat(store.get(ref).orElseThrow().mediaType()).isEqualTo("image/webp");
            byte[] wave = Pictures.webp(300);
            System.arraycopy("WAVE".getBytes(), 0, wave, 8, 4);
            assertRefused(() -> store.put(wave, null), Reason.NOT_AN_IMAGE);
            assertRefused(() -> store.put(Pictures.webp(300), "image/png"), Reason.MEDIA_TYPE_MISMATCH);
        }
    }

    @Test
    void shouldRefuseBytesThatAreNeitherJpegNorPng() {
        try (var store = open()) {
            assertRefused(() -> store.put("GIF89a and more".getBytes(), "image/jpeg"), Reason.NOT_AN_IMAGE);
            assertRefused(() -> store.put("<svg onload=alert(1)>".getBytes(), null), Reason.NOT_AN_IMAGE);
            assertRefused(() -> store.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, null), Reason.NOT_AN_IMAGE);
            assertThat(store.pictures()).isZero();
        }
    }

    @Test
    void shouldRefuseAPictureWhoseBytesAreNotTheDeclaredType() {
        try (var store = open()) {
            assertRefused(() -> store.put(Pictures.png(100), "image/jpeg"), Reason.MEDIA_TYPE_MISMATCH);
            assertThat(store.put(Pictures.png(100), "IMAGE/PNG; charset=binary")).isNotNull();
        }
    }

    @Test
    void shouldRefuseAPictureOverThePerPictureBound() {
        try (var store = open()) {
            assertRefused(() -> store.put(Pictures.jpeg(1001, 0), "image/jpeg"), Reason.TOO_LARGE);
            assertThat(store.put(Pictures.jpeg(1000, 0), "image/jpeg")).isNotNull();
        }
    }

    @Test
    void shouldRefuseNewPicturesOnceTheTotalIsReachedAndKeepTheOldOnes() {
        List<Reason> reported = new CopyOnWriteArrayList<>();
        try (var store = open().observe(new EvidenceObserver() {
            @Override
            public void refused(Reason reason) {
                reported.add(reason);
            }
        })) {
            EvidenceRef a = store.put(Pictures.jpeg(1000, 1), null);
            EvidenceRef b = store.put(Pictures.jpeg(1000, 2), null);

            assertRefused(() -> store.put(Pictures.jpeg(600, 3), null), Reason.STORE_FULL);
            assertThat(store.get(a)).isPresent();
            assertThat(store.get(b)).isPresent();
            assertThat(store.put(Pictures.jpeg(1000, 1), null)).as("a picture already held costs nothing").isEqualTo(a);
            assertThat(reported).containsExactly(Reason.STORE_FULL);
        }
    }

    @Test
    void shouldSweepPicturesOlderThanTheRetentionAndFreeTheirSpace() {
        try (var store = open()) {
            EvidenceRef old = store.put(Pictures.jpeg(1000, 1), null);
            now = T0.plus(Duration.ofHours(12));
            EvidenceRef recent = store.put(Pictures.jpeg(1000, 2), null);
            now = T0.plus(Duration.ofHours(25));

            assertThat(store.sweep()).isEqualTo(1);

            assertThat(store.get(old)).isEmpty();
            assertThat(store.get(recent)).isPresent();
            assertThat(store.totalBytes()).isEqualTo(1000);
            assertThat(store.put(Pictures.jpeg(1000, 3), null)).as("the space is back").isNotNull();
        }
    }

    @Test
    void shouldNotServeAFileChangedOnDisk() throws Exception {
        try (var store = open()) {
            EvidenceRef ref = store.put(Pictures.jpeg(100, 1), null);
            Path file = dir.resolve(ref.hex().substring(0, 2)).resolve(ref.hex());
            Files.write(file, Pictures.jpeg(100, 2));

            assertThat(store.get(ref)).isEmpty();
        }
    }

    @Test
    void shouldAnswerEmptyForAPictureNeverStored() {
        try (var store = open()) {
            assertThat(store.get(new EvidenceRef("sha256:" + "0".repeat(64)))).isEmpty();
        }
        try (Stream<Path> files = filesIn(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static Stream<Path> filesIn(Path dir) {
        try {
            return Files.walk(dir).filter(Files::isRegularFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable put, Reason reason) {
        assertThatThrownBy(put).isInstanceOfSatisfying(EvidenceRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
