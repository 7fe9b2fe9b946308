package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/officer/assignments/{id}/photos} over a real operations server on loopback and a real evidence
 * store on disk: the officer a violation is assigned to attaches a photo that operators then see on its timeline;
 * nobody else can, and only a picture of bounded size is kept.
 */
@ExtendWith(VertxExtension.class)
class OfficerPhotoTest {

    private static final int MAX_BYTES = 64 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private FileEvidenceStore pictures;
    private Violation mine;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        pictures = FileEvidenceStore.open(dir.resolve("evidence"), EvidenceLimits.defaults().withBytes(MAX_BYTES, 10L * MAX_BYTES),
                Clock.systemUTC());
        harness = new AlertingHarness(vertx, dir);
        harness.deployWithEvidence(pictures);
        mine = AlertingFixtures.hecunViolation("t-photo", ViolationStatus.ACCEPTED).withOfficer("off-01");
        harness.append(Action.update(mine));
        eventually("the violation is stored", () -> violation(mine).getString("status") != null);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        pictures.close();
    }

    @Test
    @DisplayName("The assigned officer's photo is stored and becomes a photo step of the timeline; the operator gets the picture;"
            + " the same photo sent again is the same step")
    void assignedOfficerAttachesAPhotoOperatorsSee() throws Exception {
        byte[] photo = jpeg(2_000, 1);

        HttpResponse<String> first = upload(mine.id(), "demo-off-01", "image/jpeg", photo, true);
        HttpResponse<String> again = upload(mine.id(), "demo-off-01", "image/jpeg", photo, true);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as("a resend from the page's outbox").isEqualTo(200);
        String ref = new JsonObject(first.body()).getString("evidence");
        assertThat(new JsonObject(again.body()).getString("evidence")).isEqualTo(ref);
        JsonArray photos = photoSteps(violation(mine));
        assertThat(photos).hasSize(1);
        assertThat(photos.getJsonObject(0).getString("officer")).isEqualTo("off-01");
        assertThat(photos.getJsonObject(0).getJsonArray("evidence").getList()).containsExactly(ref);
        var picture = harness.get("/v1/violations/" + mine.id() + "/evidence/" + ref, HECUN_DISPATCHER_TOKEN);
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(picture.body().getBytes()).isEqualTo(photo);
    }

    @Test
    @DisplayName("Another officer, an operator, no token, an unknown or closed violation: refused, and nothing is stored")
    void nobodyElseAttachesAPhoto() throws Exception {
        Violation closed = AlertingFixtures.hecunViolation("t-closed", ViolationStatus.CLOSED).withOfficer("off-01");
        harness.append(Action.update(closed));
        eventually("the closed violation is stored", () -> violation(closed).getString("status") != null);
        byte[] photo = jpeg(2_000, 2);

        assertThat(upload(mine.id(), "demo-off-02", "image/jpeg", photo, true).statusCode()).as("another officer").isEqualTo(404);
        assertThat(upload(mine.id(), ADMIN_TOKEN, "image/jpeg", photo, true).statusCode()).as("an operator").isEqualTo(401);
        assertThat(upload(mine.id(), null, "image/jpeg", photo, true).statusCode()).as("no token").isEqualTo(401);
        assertThat(upload("vio-none", "demo-off-01", "image/jpeg", photo, true).statusCode()).as("unknown").isEqualTo(404);
        assertThat(upload(closed.id(), "demo-off-01", "image/jpeg", photo, true).statusCode()).as("closed").isEqualTo(404);
        assertThat(pictures.pictures()).isZero();
        assertThat(photoSteps(violation(mine))).isEmpty();
    }

    @Test
    @DisplayName("A photo over the bound is 413, whether its length is declared or it comes chunked; nothing is stored")
    void tooLargeIsRefused() throws Exception {
        byte[] big = jpeg(MAX_BYTES + 1, 3);

        HttpResponse<String> declared = upload(mine.id(), "demo-off-01", "image/jpeg", big, true);
        HttpResponse<String> chunked = upload(mine.id(), "demo-off-01", "image/jpeg", big, false);

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(declared.body()).getString("type")).isEqualTo("urn:gridwarden:problem:evidence-too-large");
        assertThat(new JsonObject(declared.body()).getString("detail")).contains(Integer.toString(MAX_BYTES));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(pictures.pictures()).isZero();
    }

    @Test
    @DisplayName("A body that is not a JPEG, PNG or WebP by its bytes, or not of its declared type, is 415; nothing is stored")
    void notAPictureIsRefused() throws Exception {
        byte[] gif = "GIF89a and then some bytes".getBytes();
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes();

        HttpResponse<String> disguised = upload(mine.id(), "demo-off-01", "image/jpeg", gif, true);
        assertThat(disguised.statusCode()).isEqualTo(415);
        assertThat(disguised.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(new JsonObject(disguised.body()).getString("type")).isEqualTo("urn:gridwarden:problem:evidence-not-an-image");
        assertThat(upload(mine.id(), "demo-off-01", "image/svg+xml", svg, true).statusCode()).isEqualTo(415);
        assertThat(upload(mine.id(), "demo-off-01", "image/png", jpeg(500, 4), true).statusCode()).as("a JPEG sent as PNG").isEqualTo(415);
        assertThat(pictures.pictures()).isZero();
    }

    @Test
    @DisplayName("A violation takes a few photos; the next is 409, but one of them sent again is still 200")
    void photosPerViolationAreBounded() throws Exception {
        IntStream.rangeClosed(1, 4).forEach(i -> assertThat(upload(mine.id(), "demo-off-01", "image/jpeg", jpeg(600, 10 + i), true)
                .statusCode()).isEqualTo(201));

        HttpResponse<String> fifth = upload(mine.id(), "demo-off-01", "image/jpeg", jpeg(600, 20), true);

        assertThat(fifth.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(fifth.body()).getString("type")).isEqualTo("urn:gridwarden:problem:too-many-photos");
        assertThat(pictures.pictures()).isEqualTo(4);
        assertThat(upload(mine.id(), "demo-off-01", "image/jpeg", jpeg(600, 14), true).statusCode())
                .as("the fourth sent again (its answer was lost): the same step, not a refusal").isEqualTo(200);
    }

    private HttpResponse<String> upload(String violation, String token, String type, byte[] body, boolean declaredLength) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/v1/officer/assignments/"
                + violation + "/photos")).timeout(Duration.ofSeconds(10)).header("Content-Type", type)
                .POST(declaredLength ? HttpRequest.BodyPublishers.ofByteArray(body)
                        : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonObject violation(Violation v) {
        try {
            var response = harness.get("/v1/violations/" + v.id(), ADMIN_TOKEN);
            return response.statusCode() == 200 ? response.bodyAsJsonObject() : new JsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonArray photoSteps(JsonObject violation) {
        JsonArray timeline = violation.getJsonArray("timeline");
        return new JsonArray(IntStream.range(0, timeline.size()).mapToObj(timeline::getJsonObject)
                .filter(step -> "photo".equals(step.getString("status"))).toList());
    }

    private static byte[] jpeg(int size, int seed) {
        byte[] jpeg = new byte[size];
        Arrays.fill(jpeg, (byte) seed);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        return jpeg;
    }
}
