package io.gridwarden.alerting.isapi;

import io.gridwarden.alerting.delivery.DeliveryFailedException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One ISAPI request under HTTP Digest: sent once without credentials, and when the camera answers
 * {@code 401} with a Digest challenge, sent again answering it ({@link DigestAuth}). A second {@code 401},
 * or a challenge this client cannot answer, fails the attempt. Transport failures fail it too; either way
 * delivery tries again later.
 */
final class DigestClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebClient client;
    private final long timeoutMillis;

    DigestClient(WebClient client, long timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    Future<IsapiAnswer> put(IsapiCameraAccess.Speaker speaker, String pathAndQuery, Buffer body) {
        String url = speaker.address() + pathAndQuery;
        return send(url, body, null).compose(first -> {
            if (first.statusCode() != 401) {
                return Future.succeededFuture(first);
            }
            Optional<DigestAuth.Challenge> challenge = DigestAuth.strongest(first.headers().getAll("WWW-Authenticate"));
            if (challenge.isEmpty()) {
                return Future.failedFuture(new DeliveryFailedException(url + " asked for credentials without a Digest challenge (MD5 or SHA-256) gridwarden can answer"));
            }
            String authorization = DigestAuth.authorization(challenge.get(), speaker.user(), speaker.password(), "PUT", pathAndQuery, 1, cnonce());
            return send(url, body, authorization);
        }).compose(response -> response.statusCode() == 401
                ? Future.failedFuture(new DeliveryFailedException(url + " refused user " + speaker.user() + "'s credentials (401); check the camera's isapi password"))
                : Future.succeededFuture(IsapiAnswer.of(response.statusCode(), response.body() == null ? null : response.body().getBytes())));
    }

    private Future<HttpResponse<Buffer>> send(String url, Buffer body, String authorization) {
        var request = client.requestAbs(HttpMethod.PUT, url).timeout(timeoutMillis).putHeader("Content-Type", "application/json");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return request.sendBuffer(body).recover(e -> Future.failedFuture(new DeliveryFailedException(url + " could not be reached: " + e.getMessage())));
    }

    private static String cnonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
