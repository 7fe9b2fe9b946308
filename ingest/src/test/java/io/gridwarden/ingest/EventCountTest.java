package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Counting a body's events before it is parsed")
class EventCountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What a string may hold that could mislead a scan: separators, brackets, quotes and escapes, non-ASCII. */
    private static final String[] TRICKY = {",", "]", "[", "{", "}", "\"", "\\", "\\\"", "\\\\", "\n", "车牌 浙H·12345", "\u0000", ""};

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "[]|0",
        " \n[ ] |0",
        "{\"type\":\"x\"}|1",
        "42|1",
        "|1",
        "[{}]|1",
        "[{},{},{}]|3",
        "[ {\"a\":\"x,y]\"} , {\"b\":[1,2,3]} ]|2",
        "[\"\\\"],[\", {}]|2",
        "[\"\\\\\", {}]|2",
        "[{\"a\":[1,{\"b\":2}]}, 5|2",
        "[{\"a\":\"never closed|1",
        "[1,]|1",
        "[}, {}, {}]|1",
    })
    @DisplayName("count the top-level elements whatever their strings hold, and a broken body what was begun")
    void shouldCountTopLevelElements(String body, int expected) {
        assertThat(EventCount.upTo(bytes(body == null ? "" : body), 1000)).isEqualTo(expected);
    }

    @Test
    @DisplayName("stop one past the limit, without reading the rest")
    void shouldStopOnePastTheLimit() {
        String many = "[" + "{},".repeat(100_000) + "{}]";

        assertThat(EventCount.upTo(bytes(many), 1000)).isEqualTo(1001);
        assertThat(EventCount.upTo(bytes("[{},{},{}]"), 3)).isEqualTo(3);
        assertThat(EventCount.upTo(bytes("[{},{},{}]"), 2)).isEqualTo(3);
    }

    @Test
    @DisplayName("agree with a JSON parser on the size of 2,000 random arrays of nested objects, arrays and tricky strings")
    void shouldAgreeWithAParserOnRandomArrays() throws Exception {
        Random random = new Random(20261205);
        for (int n = 0; n < 2_000; n++) {
            ArrayNode array = NODES.arrayNode();
            int size = random.nextInt(40);
            for (int i = 0; i < size; i++) {
                array.add(randomValue(random, 3));
            }
            String body = random.nextBoolean() ? JSON.writeValueAsString(array) : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);

            assertThat(EventCount.upTo(bytes(body), 1000)).as(body).isEqualTo(JSON.readTree(body).size());
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = depth == 0 ? random.nextInt(3) : random.nextInt(5);
        return switch (kind) {
            case 0 -> NODES.textNode(TRICKY[random.nextInt(TRICKY.length)] + random.nextInt(100) + TRICKY[random.nextInt(TRICKY.length)]);
            case 1 -> NODES.numberNode(random.nextDouble() * 1000 - 500);
            case 2 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 3 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(TRICKY[random.nextInt(TRICKY.length)] + i, randomValue(random, depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
