package io.gridwarden.common.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViolationEvidenceTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    private static Violation detected() {
        return new Violation("vio-1", "illegal_parking", ViolationStatus.DETECTED, "cam-0001", null, "z-parking", "hecun", "hecun-g02",
                "t-1", "car", 28.7, 118.6, AT, null, null, null, null, AT, "in the zone for 60 s");
    }

    private static String ref(char digit) {
        return "sha256:" + String.valueOf(digit).repeat(64);
    }

    @Test
    void shouldNameEachPictureOnceOldestFirstAndAtMostFour() {
        Violation v = detected().withEvidence(ref('1')).withEvidence(null).withEvidence(ref('2')).withEvidence(ref('1'));
        assertThat(v.evidence()).containsExactly(ref('1'), ref('2'));

        Violation full = v.withEvidence(ref('3')).withEvidence(ref('4')).withEvidence(ref('5'));
        assertThat(full.evidence()).hasSize(Violation.MAX_EVIDENCE).containsExactly(ref('1'), ref('2'), ref('3'), ref('4'));
    }

    @Test
    void shouldCarryItsPicturesThroughStatusesAndTheActionLog() {
        Violation dispatched = detected().withEvidence(ref('1')).withStatus(ViolationStatus.DISPATCHED, AT.plusSeconds(30), "still there")
                .withOfficer("off-01");

        Violation stored = ActionCodec.decode(ActionCodec.encode(Action.update(dispatched))).violation();

        assertThat(stored.evidence()).containsExactly(ref('1'));
        assertThat(stored).isEqualTo(dispatched);
        assertThat(new String(ActionCodec.encode(Action.update(detected())))).doesNotContain("evidence");
    }
}
