package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingFixtures.tanshiViolation;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each demo operator against each operations route, on a hecun and a tanshi violation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorScopeTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    @TempDir
    static Path dir;
    private AlertingHarness harness;
    private final Violation hecun = hecunViolation("t-1", ViolationStatus.DISPATCHED);
    private final Violation tanshi = tanshiViolation("t-2", ViolationStatus.DISPATCHED);

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = new AlertingHarness(vertx, dir);
        harness.append(Action.update(hecun));
        harness.append(Action.update(tanshi));
        harness.deploy(null);
        eventually("both violations are stored", () -> {
            try {
                return status("GET", "/v1/violations/" + tanshi.id(), "demo-admin") == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        harness.close();
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @DisplayName("Operators see and act only within their role and jurisdictions")
    @CsvSource({
            "demo-admin,            GET,  list,   200",
            "demo-admin,            GET,  hecun,  200",
            "demo-admin,            GET,  tanshi, 200",
            "demo-admin,            POST, assign-hecun,  202",
            "demo-admin,            POST, close-tanshi,  202",
            "demo-admin,            GET,  stats,  200",
            "demo-admin,            GET,  stream, 200",
            "demo-dispatcher-hecun, GET,  list,   200",
            "demo-dispatcher-hecun, GET,  hecun,  200",
            "demo-dispatcher-hecun, GET,  tanshi, 404",
            "demo-dispatcher-hecun, POST, assign-hecun,  202",
            "demo-dispatcher-hecun, POST, assign-tanshi, 404",
            "demo-dispatcher-hecun, POST, close-tanshi,  404",
            "demo-dispatcher-hecun, GET,  stats,  200",
            "demo-dispatcher-hecun, GET,  stream, 200",
            "demo-viewer-tanshi,    GET,  list,   200",
            "demo-viewer-tanshi,    GET,  hecun,  404",
            "demo-viewer-tanshi,    GET,  tanshi, 200",
            "demo-viewer-tanshi,    POST, assign-tanshi, 403",
            "demo-viewer-tanshi,    POST, close-tanshi,  403",
            "demo-viewer-tanshi,    POST, assign-hecun,  403",
            "demo-viewer-tanshi,    GET,  stats,  200",
            "demo-viewer-tanshi,    GET,  stream, 200",
            "nobody,                GET,  list,   401",
            "nobody,                GET,  stats,  401",
    })
    void scopeMatrix(String token, String method, String target, int expected) throws Exception {
        assertThat(status(method, path(target), token)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} lists {1}")
    @DisplayName("The history list holds only the operator's jurisdictions")
    @CsvSource({"demo-admin, 2", "demo-dispatcher-hecun, 1", "demo-viewer-tanshi, 1"})
    void listIsScoped(String token, int count) throws Exception {
        JsonObject body = harness.get("/v1/violations", token).bodyAsJsonObject();
        assertThat(body.getJsonArray("items")).hasSize(count);
        String only = token.contains("hecun") ? "hecun" : token.contains("tanshi") ? "tanshi" : null;
        if (only != null) {
            assertThat(body.getJsonArray("items").getJsonObject(0).getString("jurisdiction")).isEqualTo(only);
        }
    }

    private String path(String target) {
        return switch (target) {
            case "list" -> "/v1/violations";
            case "hecun" -> "/v1/violations/" + hecun.id();
            case "tanshi" -> "/v1/violations/" + tanshi.id();
            case "assign-hecun" -> "/v1/violations/" + hecun.id() + "/assign";
            case "assign-tanshi" -> "/v1/violations/" + tanshi.id() + "/assign";
            case "close-tanshi" -> "/v1/violations/" + tanshi.id() + "/close";
            case "stats" -> "/v1/stats";
            case "stream" -> "/v1/alerts/stream";
            default -> throw new IllegalArgumentException(target);
        };
    }

    /** The status only: a stream answers 200 with its headers and is then dropped. */
    private int status(String method, String path, String token) throws Exception {
        String body = path.endsWith("/assign") ? "{\"officer\":\"off-02\"}" : "{\"reason\":\"duplicate report\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
        request = method.equals("POST")
                ? request.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                : request.GET();
        HttpResponse<java.io.InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
