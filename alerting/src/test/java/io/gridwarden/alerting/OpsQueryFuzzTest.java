package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.ValuePool;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import io.gridwarden.alerting.api.OpsProblem;
import io.gridwarden.alerting.api.Problems;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the operations API's query parameters, from outside: a real alerting verticle on
 * loopback, a real HTTP client, any mix of parameters (known or not; text, instants and numbers up to their
 * edges; broken %-escapes) on {@code /v1/violations}, {@code /v1/stats} and {@code /v1/alerts/stream}. Each answer
 * is the parsed query's (200) or names the bad parameter (400 problem+json); never a 500. One server serves
 * every input: starting one per input would cost a second each.
 *
 * <p>A plain {@code mvn test} replays the seeds below and {@code OpsQueryFuzzTestInputs/<method>};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class OpsQueryFuzzTest {

    private static final long TIMEOUT_MS = AlertingHarness.TIMEOUT.toMillis();

    @TempDir
    static Path dir;
    private static AlertingHarness harness;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        harness = new AlertingHarness(vertx, dir);
        for (int i = 0; i < 3; i++) {
            harness.append(Action.update(AlertingFixtures.violation("t-" + i, AlertingFixtures.HECUN_CAMERA, "hecun",
                    ViolationStatus.values()[i], Instant.parse("2026-11-22T08:00:00Z").plusSeconds(i))));
        }
        harness.deploy(null);
        client = vertx.createHttpClient(new HttpClientOptions().setSoLinger(0)); // a closed stream leaves no TIME_WAIT port behind
        eventually("alerting is ready", () -> statusOf("/health/ready") == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    /** The resources whose query parameters are fuzzed. */
    enum Resource {
        VIOLATIONS("/v1/violations"), STATS("/v1/stats"), STREAM("/v1/alerts/stream");

        final String path;

        Resource(String path) {
            this.path = path;
        }
    }

    /** The parameters the API reads, one it does not, and the stream's Last-Event-ID header. */
    enum Name {
        SINCE("since"), UNTIL("until"), LIMIT("limit"), CURSOR("cursor"), JURISDICTION("jurisdiction"), CATEGORY("category"),
        STATUS("status"), LAST_EVENT_ID("lastEventId"), UNKNOWN("x"), LAST_EVENT_ID_HEADER("Last-Event-ID");

        final String wire;

        Name(String wire) {
            this.wire = wire;
        }
    }

    /** How a value is written: any text %-encoded, text as written (broken %-escapes too), an instant, a number. */
    enum Shape { TEXT, AS_WRITTEN, INSTANT, NUMBER }

    /** One parameter as the fuzzer makes it; {@code number} is the value of the INSTANT (epoch seconds) and NUMBER shapes. */
    record Param(@NotNull Name name, @NotNull Shape shape, @NotNull @WithUtf8Length(max = 80) String text, long number) {

        String value() {
            return switch (shape) {
                case TEXT -> URLEncoder.encode(text, StandardCharsets.UTF_8);
                case AS_WRITTEN -> asWritten(text);
                case INSTANT -> URLEncoder.encode(Instant.ofEpochSecond(Math.max(Instant.MIN.getEpochSecond(),
                        Math.min(Instant.MAX.getEpochSecond(), number))).toString(), StandardCharsets.UTF_8);
                case NUMBER -> Long.toString(number);
            };
        }
    }

    /** Values the fuzzer mixes in: the edges of instants and longs, and names the demo town uses. */
    static Stream<?> edges() {
        return Stream.of("2026-11-22T08:00:00Z", "+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
                "2026-11-22T08:00:00.5+08:00", "9223372036854775807", "-9223372036854775808", "2147483648", "-1", "0",
                "hecun", "tanshi", "illegal_parking", "dispatched", "resolved_by_warning", "%zz", "%", ",", "ZC8",
                Long.MAX_VALUE, Long.MIN_VALUE, Instant.MAX.getEpochSecond(), Instant.MIN.getEpochSecond(), 0L, -1L);
    }

    /** The seeds every plain test run replays, and the fuzzer starts from. */
    static Stream<Arguments> anyQueryIsAnsweredOrNamesTheBadParameter() {
        return Stream.of(
                arguments(Resource.VIOLATIONS, List.of(text(Name.STATUS, "dispatched"), text(Name.JURISDICTION, "hecun"), number(Name.LIMIT, 2))),
                arguments(Resource.VIOLATIONS, List.of(text(Name.SINCE, "2026-11-22T07:00:00Z"), text(Name.UNTIL, "2026-11-22T09:00:00Z"),
                        text(Name.CATEGORY, "illegal_parking"), number(Name.LIMIT, 1))),
                arguments(Resource.VIOLATIONS, List.of(text(Name.LIMIT, "abc"), text(Name.STATUS, "asleep"), text(Name.CURSOR, "%zz"))),
                arguments(Resource.STATS, List.of(text(Name.SINCE, "2026-11-22T07:00:00Z"), text(Name.UNTIL, "2026-11-23T07:00:00Z"),
                        text(Name.JURISDICTION, "hecun"))),
                arguments(Resource.STATS, List.of(text(Name.SINCE, "2026-11-23T07:00:00Z"), text(Name.UNTIL, "2026-11-22T07:00:00Z"))),
                arguments(Resource.STREAM, List.of(text(Name.STATUS, "warned"), number(Name.LAST_EVENT_ID, 0))),
                arguments(Resource.STREAM, List.of(text(Name.LAST_EVENT_ID_HEADER, "x1"))),
                // Found by this test: 500 with internal text ("long overflow", "Instant exceeds…") until the ops API checked the edges.
                arguments(Resource.VIOLATIONS, List.of(text(Name.UNTIL, "-1000000000-01-01T00:00:00Z"))),
                arguments(Resource.VIOLATIONS, List.of(text(Name.UNTIL, "+1000000000-12-31T23:59:59Z"))),
                arguments(Resource.STATS, List.of(text(Name.UNTIL, "-1000000000-01-01T00:00:00Z"))),
                arguments(Resource.STATS, List.of(text(Name.UNTIL, "+1000000000-12-31T23:59:59Z"))));
    }

    private static Param text(Name name, String text) {
        return new Param(name, Shape.TEXT, text, 0);
    }

    private static Param number(Name name, long number) {
        return new Param(name, Shape.NUMBER, "", number);
    }

    @MethodSource
    @ValuePool(value = "edges", p = 0.3)
    @FuzzTest(maxDuration = "5m")
    void anyQueryIsAnsweredOrNamesTheBadParameter(@NotNull Resource resource, @NotNull @WithSize(max = 8) List<@NotNull Param> params)
            throws Exception {
        RequestOptions request = get(resource.path + "?" + String.join("&", params.stream()
                .filter(p -> p.name() != Name.LAST_EVENT_ID_HEADER).map(p -> p.name().wire + "=" + p.value()).toList()));
        params.stream().filter(p -> p.name() == Name.LAST_EVENT_ID_HEADER).forEach(p -> request.putHeader(p.name().wire, asWritten(p.text())));
        switch (resource) { // one method per resource, so that the fuzzer tells their findings apart
            case VIOLATIONS -> assertViolationsAnswer(request);
            case STATS -> assertStatsAnswer(request);
            case STREAM -> assertStreamAnswer(request);
        }
    }

    private static void assertViolationsAnswer(RequestOptions request) throws Exception {
        assertAnswer(request);
    }

    private static void assertStatsAnswer(RequestOptions request) throws Exception {
        assertAnswer(request);
    }

    private static void assertAnswer(RequestOptions options) throws Exception {
        String uri = options.getURI();
        Answer answer = client.request(options)
                .compose(request -> request.send().compose(response -> response.body().map(body -> new Answer(response, body.toString()))))
                .await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (answer.status() == 200) {
            assertThat(new JsonObject(answer.body())).as(uri).isNotNull();
        } else {
            assertNamesTheBadParameter(uri, answer);
        }
    }

    /** A stream that opens is closed at once; a refused one (400, or 429/503 for the stream caps) must say why. */
    private static void assertStreamAnswer(RequestOptions options) throws Exception {
        String uri = options.getURI() + " " + options.getHeaders().get("Last-Event-ID");
        Answer answer = client.request(options).compose(request -> request.send().compose(response -> {
            if (response.statusCode() == 200) {
                response.exceptionHandler(closedByUs -> {});
                request.reset();
                return Future.succeededFuture(new Answer(response, ""));
            }
            return response.body().map(body -> new Answer(response, body.toString()));
        })).await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (answer.status() == 200) {
            assertThat(answer.contentType()).as(uri).startsWith("text/event-stream");
        } else if (answer.status() == 429 || answer.status() == 503) { // the stream caps: streams closed a moment ago may still count
            assertThat(new JsonObject(answer.body()).getString("type")).as(uri).isIn(OpsProblem.TOO_MANY_STREAMS.type(),
                    OpsProblem.STREAMS_FULL.type());
        } else {
            assertNamesTheBadParameter(uri, answer);
        }
    }

    /**
     * 400 invalid-parameter naming one of the parameters, or the whole {@code query} when its %-escapes are broken (or
     * bad-request, for a request line Vert.x cannot read), with a detail.
     */
    private static void assertNamesTheBadParameter(String uri, Answer answer) {
        assertThat(answer.status()).as("%s answered %s", uri, answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).as(uri).isEqualTo(Problems.CONTENT_TYPE);
        JsonObject problem = new JsonObject(answer.body());
        assertThat(problem.getString("detail")).as(uri).isNotBlank();
        assertThat(problem.getString("type")).as(uri).isIn(OpsProblem.INVALID_PARAMETER.type(), OpsProblem.BAD_REQUEST.type());
        if (OpsProblem.INVALID_PARAMETER.type().equals(problem.getString("type"))) {
            assertThat(problem.getString("parameter")).as(uri)
                    .isIn(Stream.concat(Stream.of(Name.values()).map(n -> n.wire), Stream.of("query")).toList());
        }
    }

    private record Answer(int status, String contentType, String body) {
        Answer(HttpClientResponse response, String body) {
            this(response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE), body);
        }
    }

    private static RequestOptions get(String uri) {
        return new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(harness.port()).setURI(uri)
                .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
    }

    private static int statusOf(String uri) {
        try {
            return client.request(get(uri)).compose(r -> r.send()).await(TIMEOUT_MS, TimeUnit.MILLISECONDS).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Text as written where a request line allows it ('%' included, so broken escapes reach the server), else %-escaped. */
    private static String asWritten(String text) {
        StringBuilder out = new StringBuilder();
        for (byte octet : text.getBytes(StandardCharsets.UTF_8)) {
            int b = octet & 0xff;
            boolean allowed = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "-._~!$'()*+,;:@/?%".indexOf(b) >= 0;
            out.append(allowed ? String.valueOf((char) b) : String.format("%%%02X", b));
        }
        return out.toString();
    }
}
