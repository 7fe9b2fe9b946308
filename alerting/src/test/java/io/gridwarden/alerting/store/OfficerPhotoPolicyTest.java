package io.gridwarden.alerting.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.AlertingFixtures;
import io.gridwarden.alerting.store.OfficerPhotoPolicy.Verdict;
import io.gridwarden.common.action.ViolationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfficerPhotoPolicyTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final String PHOTO = "sha256:" + "a".repeat(64);

    private static StoredViolation held(ViolationStatus status, String officer) {
        return StoredViolation.first(AlertingFixtures.hecunViolation("t-1", status).withOfficer(officer), 0);
    }

    @Test
    void shouldAttachThePhotoOfTheOfficerHandlingOrJustResolvingIt() {
        for (ViolationStatus status : new ViolationStatus[] {ViolationStatus.DISPATCHED, ViolationStatus.ACCEPTED, ViolationStatus.ARRIVED,
                ViolationStatus.RESOLVED}) {
            assertThat(OfficerPhotoPolicy.judge(held(status, "off-01"), "off-01", PHOTO)).as(status.wireName()).isEqualTo(Verdict.ATTACH);
        }
    }

    @Test
    void shouldTreatAnotherOfficersAnUnknownOrAnOverViolationAlike() {
        assertThat(OfficerPhotoPolicy.judge(held(ViolationStatus.ACCEPTED, "off-01"), "off-02", PHOTO)).isEqualTo(Verdict.NOT_HELD);
        assertThat(OfficerPhotoPolicy.judge(null, "off-01", PHOTO)).isEqualTo(Verdict.NOT_HELD);
        assertThat(OfficerPhotoPolicy.judge(held(ViolationStatus.CLOSED, "off-01"), "off-01", PHOTO)).isEqualTo(Verdict.NOT_HELD);
        assertThat(OfficerPhotoPolicy.judge(held(ViolationStatus.ESCALATED, "off-01"), "off-01", PHOTO)).isEqualTo(Verdict.NOT_HELD);
    }

    @Test
    void shouldKnowAPhotoSentAgainAndRefuseOneMoreThanItTakes() {
        StoredViolation v = held(ViolationStatus.ARRIVED, "off-01");
        for (int i = 0; i < OfficerPhotoPolicy.MAX_PER_VIOLATION; i++) {
            v = v.with(OfficerPhotoPolicy.step("off-01", "sha256:" + Integer.toString(i).repeat(64), AT));
        }

        assertThat(OfficerPhotoPolicy.judge(v, "off-01", "sha256:" + "3".repeat(64))).isEqualTo(Verdict.ALREADY_ATTACHED);
        assertThat(OfficerPhotoPolicy.judge(v, "off-01", PHOTO)).isEqualTo(Verdict.FULL);
    }
}
