package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/violations/{id}/evidence/{ref}} over a real operations server and a real store on disk. */
@ExtendWith(VertxExtension.class)
class EvidenceAccessTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private FileEvidenceStore pictures;
    private Violation hecun;
    private EvidenceRef shown;
    private EvidenceRef notItsPicture;
    private byte[] picture;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        pictures = FileEvidenceStore.open(dir.resolve("evidence"), EvidenceLimits.defaults(), Clock.systemUTC());
        picture = jpeg(1);
        shown = pictures.put(picture, "image/jpeg");
        notItsPicture = pictures.put(jpeg(2), "image/jpeg"); // kept, but named by no violation
        EvidenceRef gone = EvidenceRef.ofDigest(new byte[32]); // named, but never kept
        hecun = AlertingFixtures.hecunViolation("t-1", ViolationStatus.WARNED).withEvidence(shown.value()).withEvidence(gone.value());
        harness = new AlertingHarness(vertx, dir);
        harness.deployWithEvidence(pictures);
        harness.append(Action.update(hecun));
        eventually("the violation is stored", () -> status("/v1/violations/" + hecun.id(), ADMIN_TOKEN) == 200);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        pictures.close();
    }

    private static byte[] jpeg(int seed) {
        byte[] jpeg = new byte[600];
        Arrays.fill(jpeg, (byte) seed);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        return jpeg;
    }

    private String path(String ref) {
        return "/v1/violations/" + hecun.id() + "/evidence/" + ref;
    }

    private int status(String path, String token) {
        try {
            return harness.get(path, token).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("An operator of the violation's jurisdiction gets its picture, as an image that runs nothing, cached privately")
    void operatorInScopeGetsThePicture() throws Exception {
        HttpResponse<Buffer> response = harness.get(path(shown.value()), HECUN_DISPATCHER_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().getBytes()).isEqualTo(picture);
        assertThat(response.getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Cache-Control")).startsWith("private");
        assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("sandbox")
                .doesNotContain("'self'; script-src");
        assertThat(harness.get("/v1/violations/" + hecun.id(), HECUN_DISPATCHER_TOKEN).bodyAsJsonObject().getJsonArray("evidence"))
                .containsExactlyElementsOf(hecun.evidence());
    }

    @Test
    @DisplayName("Another jurisdiction's operator, a picture the violation does not name, one no longer kept, a bad ref: all 404")
    void everythingElseIsTheSame404() throws Exception {
        assertThat(status(path(shown.value()), TANSHI_VIEWER_TOKEN)).isEqualTo(404);
        assertThat(status(path(notItsPicture.value()), ADMIN_TOKEN)).isEqualTo(404);
        assertThat(status(path(hecun.evidence().get(1)), ADMIN_TOKEN)).isEqualTo(404);
        assertThat(status(path("sha256:" + shown.hex().toUpperCase()), ADMIN_TOKEN)).isEqualTo(404);
        assertThat(status(path("..%2F..%2Fviolations"), ADMIN_TOKEN)).isEqualTo(404);
        assertThat(status("/v1/violations/vio-none/evidence/" + shown.value(), ADMIN_TOKEN)).isEqualTo(404);
        assertThat(status(path(shown.value()), null)).isEqualTo(401);
        HttpResponse<Buffer> outOfScope = harness.get(path(shown.value()), TANSHI_VIEWER_TOKEN);
        HttpResponse<Buffer> notNamed = harness.get(path(notItsPicture.value()), ADMIN_TOKEN);
        assertThat(outOfScope.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(outOfScope.bodyAsJsonObject().getString("detail")).as("nothing tells a picture out of scope from one not named")
                .isEqualTo(notNamed.bodyAsJsonObject().getString("detail"));
    }
}
