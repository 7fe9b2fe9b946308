package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.frame;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static io.gridwarden.jobs.JobFixtures.passingCar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.JobFixtures;
import io.gridwarden.jobs.model.TownVersion;
import java.io.IOException;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Detection when a new town version arrives while running: tracks survive, a moved zone judges the next car, a removed zone closes. */
class TownChangeDetectionTest {

    static final String LOWER_HALF = "polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]]";
    static final String UPPER_HALF = "polygon: [[0.0, 0.0], [1.0, 0.0], [1.0, 0.5], [0.0, 0.5]]";

    private CameraHarness.Harness harness;

    @BeforeEach
    void open() throws Exception {
        harness = CameraHarness.open(TOWN);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static String testTown() {
        return JobFixtures.testTownText();
    }

    /** The test town with cam-0001's zones given as {@code zones} instead. */
    static String withCam0001Zone(String zones) throws IOException {
        String text = testTown();
        String line = "zones:\n      - {id: z-parking, category: illegal_parking, " + LOWER_HALF + "}";
        int at = text.indexOf(line, text.indexOf("- id: cam-0001"));
        return text.substring(0, at) + zones + text.substring(at + line.length());
    }

    static TownVersion version(long n, long at, String text) {
        return JobFixtures.townVersion(n, at, text);
    }

    @Test
    void shouldJudgeTheNextCarByTheMovedZoneFromTheVersionsTimeOn() throws Exception {
        harness.processTownVersion(version(1, T0 + 1_000, withCam0001Zone(
                "zones:\n      - {id: z-parking, category: illegal_parking, " + UPPER_HALF + "}")));
        frames(T0, T0 + 500, passingCar("t-early")); // before the version's time: the old zone, where it is not
        frames(T0 + 1_000, T0 + 3_000, passingCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 3_000));

        assertThat(harness.extractOutputValues()).extracting(a -> a.violation().track() + ":" + a.violation().status())
                .startsWith("t-1:" + ViolationStatus.DETECTED).noneMatch(s -> s.startsWith("t-early"));
    }

    @Test
    void shouldCloseAWarnedViolationWhenANewVersionRemovesItsZone() throws Exception {
        frames(T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));
        int before = harness.extractOutputValues().size();

        harness.processTownVersion(version(1, T0 + 2_500, withCam0001Zone("zones: []")));

        Action closed = harness.extractOutputValues().get(before);
        assertThat(closed.violation().status()).isEqualTo(ViolationStatus.CLOSED);
        assertThat(closed.violation().note()).startsWith(RemovedZones.REASON);
        assertThat(harness.numKeyedStateEntries()).isZero();
        frames(T0 + 2_500, T0 + 5_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 5_000));
        assertThat(harness.extractOutputValues()).hasSize(before + 1);
        assertThat(CameraHarness.dispatches(harness)).isEmpty();
    }

    @Test
    void shouldKeepTheViolationOfAZoneTheNewVersionKeeps() throws Exception {
        frames(T0, T0 + 2_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 2_000));

        harness.processTownVersion(version(1, T0 + 2_500, testTown().replace("lat: 28.7405", "lat: 28.7406")));
        frames(T0 + 2_500, T0 + 4_000, parkedCar("t-1"));
        harness.processBothWatermarks(new Watermark(T0 + 4_000));

        assertThat(CameraHarness.dispatches(harness)).singleElement()
                .satisfies(d -> assertThat(d.violation().track()).isEqualTo("t-1"));
    }

    private void frames(long from, long to, DetectedObject... objects) throws Exception {
        for (long t = from; t <= to; t += 500) {
            harness.processElement1(frame(CAMERA, t, objects), t);
        }
    }
}
