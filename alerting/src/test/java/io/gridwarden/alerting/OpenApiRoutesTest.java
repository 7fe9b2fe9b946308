package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/openapi.yaml} honest about the operations API: the routes alerting registers and
 * the operations the file documents for alerting's server are the same set, and the JSON alerting
 * answers with carries no field the file does not document.
 */
@ExtendWith(VertxExtension.class)
class OpenApiRoutesTest {

    /** Surefire runs in the module's directory; the API description lives at the repository's root. */
    private static final Path OPENAPI = Path.of("..", "docs", "openapi.yaml");
    /** The server entry openapi.yaml gives alerting's operations. */
    private static final String ALERTING_SERVER = "http://localhost:8090";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private AlertingVerticle verticle;
    private JsonNode api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = readApi();
        harness = new AlertingHarness(vertx, dir);
        verticle = harness.deploy(null);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Every route alerting registers is documented in openapi.yaml, and every operation documented for alerting is a route")
    void registeredRoutesAreTheDocumentedOperations() {
        Set<String> registered = new TreeSet<>();
        for (Route route : verticle.routes()) {
            // prefix handlers (auth, body limits, the dashboard's static files) and the 404 fallback are not operations;
            // a path with parameters (/v1/violations/:id) is exact, though Vert.x matches it by a regex
            if (route.getPath() != null && route.isExactPath() && route.methods() != null) {
                route.methods().forEach(m -> registered.add(m.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}")));
            }
        }

        assertThat(registered).as("routes registered by AlertingVerticle vs operations openapi.yaml documents for " + ALERTING_SERVER)
                .containsExactlyInAnyOrderElementsOf(documentedOperations(ALERTING_SERVER));
    }

    @Test
    @DisplayName("The JSON alerting answers with carries only fields openapi.yaml documents, the history page's cursor included")
    void answersCarryOnlyDocumentedFields() throws Exception {
        Instant morning = Instant.parse("2026-11-22T08:00:00Z");
        Violation first = AlertingFixtures.violation("t-1", "cam-0001", "hecun", ViolationStatus.WARNED, morning);
        harness.append(Action.update(first));
        harness.append(Action.update(AlertingFixtures.violation("t-2", "cam-0001", "hecun", ViolationStatus.DISPATCHED,
                morning.plusSeconds(60)).withOfficer("off-01")));
        eventually("both violations are stored", () -> get("/v1/violations").getJsonArray("items").size() == 2);

        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("/v1/violations", "/v1/violations?limit=1"); // a page with a cursor to the next one
        examples.put("/v1/violations/{id}", "/v1/violations/" + first.id());
        examples.put("/v1/stats", "/v1/stats?since=2026-11-22T00:00:00Z");
        examples.put("/v1/reports", "/v1/reports?by=officer&since=2026-11-22T00:00:00Z&until=2026-11-23T00:00:00Z");
        examples.put("/v1/town", "/v1/town");
        examples.put("/v1/town/map", "/v1/town/map");
        examples.put("/health/ready", "/health/ready");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            JsonObject answer = get(example.getValue());
            JsonNode schema = okSchema(example.getKey());
            assertThat(answer.fieldNames()).as("fields of GET " + example.getValue() + " documented in openapi.yaml")
                    .isSubsetOf(properties(schema));
        }
        JsonObject page = get("/v1/violations?limit=1");
        assertThat(page.getString("nextCursor")).as("a first page of two violations says where the next starts").isNotNull();
        assertThat(page.getJsonArray("items").getJsonObject(0).fieldNames()).as("a history item's fields")
                .isSubsetOf(properties(resolve(okSchema("/v1/violations").at("/properties/items/items"))));
        JsonObject report = get("/v1/reports?by=officer&since=2026-11-22T00:00:00Z&until=2026-11-23T00:00:00Z");
        JsonNode group = resolve(okSchema("/v1/reports").at("/properties/groups/items"));
        assertThat(report.getJsonArray("groups").getJsonObject(0).fieldNames()).as("a report group's fields").isSubsetOf(properties(group));
        assertThat(report.getJsonObject("total").getJsonObject("timeToSeconds").getJsonObject("arrive").fieldNames())
                .as("a report percentile's fields").isSubsetOf(properties(resolve(group.at("/properties/timeToSeconds/properties/arrive"))));
    }

    @Test
    @DisplayName("openapi.yaml has no key without a value: an unquoted comma in a {…} mapping splits a description into a stray key")
    void everyKeyHasAValue() {
        List<String> empty = new ArrayList<>();
        collectEmptyKeys(api, "", empty);

        assertThat(empty).as("keys of openapi.yaml with a null value (quote text that holds a comma)").isEmpty();
    }

    private static void collectEmptyKeys(JsonNode node, String pointer, List<String> empty) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getValue().isNull()) {
                    empty.add(pointer + "/" + field.getKey());
                }
                collectEmptyKeys(field.getValue(), pointer + "/" + field.getKey(), empty);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectEmptyKeys(node.get(i), pointer + "/" + i, empty);
            }
        }
    }

    private JsonObject get(String pathAndQuery) {
        try {
            return harness.get(pathAndQuery, ADMIN_TOKEN).bodyAsJsonObject();
        } catch (Exception e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        }
    }

    private static JsonNode readApi() throws IOException {
        assertThat(OPENAPI).as("the API description, from " + Path.of("").toAbsolutePath()).exists();
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(OPENAPI));
    }

    /** "METHOD /path" of every operation whose servers (its own, its path's, else the file's) include {@code server}. */
    private Set<String> documentedOperations(String server) {
        Set<String> operations = new TreeSet<>();
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey()) && servers(operation.getValue(), path.getValue()).contains(server)) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    private Set<String> servers(JsonNode operation, JsonNode path) {
        JsonNode servers = operation.has("servers") ? operation.get("servers") : path.has("servers") ? path.get("servers") : api.get("servers");
        Set<String> urls = new TreeSet<>();
        servers.forEach(s -> urls.add(s.path("url").asText()));
        return urls;
    }

    /** The schema of a GET's 200 application/json answer. */
    private JsonNode okSchema(String path) {
        JsonNode schema = api.path("paths").path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("openapi.yaml documents GET " + path + "'s 200 application/json schema").isFalse();
        return resolve(schema);
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? api.at(ref.substring(1)) : schema;
    }

    private static Set<String> properties(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
