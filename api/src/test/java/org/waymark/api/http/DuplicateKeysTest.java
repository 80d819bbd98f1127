package org.waymark.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link DuplicateKeys} refuses what Jackson's strict duplicate detection refuses, at the same token, and nothing else. */
class DuplicateKeysTest {
    private static String members(int n, String extra) {
        return IntStream.range(0, n).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",", "{", extra + "}"));
    }

    @Test
    void agreesWithJacksonOnHandWrittenCases() throws Exception {
        List<String> cases = List.of(
                "{\"a\":1,\"b\":2,\"a\":3}",
                "{\"a\":1,\"b\":2,\"c\":3}",
                "{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1,\"a\":2}]}",
                "{\"a\":[{\"x\":1,\"y\":2},{\"x\":1,\"y\":2}],\"b\":{\"x\":1},\"x\":{\"b\":1}}",
                "{\"a\":[{\"x\":1},{\"y\":[[{\"z\":1,\"w\":{}}]],\"y\":2}]}",
                "{\"p\":{\"q\":1},\"p\":{\"q\":1}}",
                "[{\"a\":1},{\"a\":1,\"b\":[],\"a\":[]}]",
                members(DuplicateKeys.SCAN_LIMIT, ""),
                members(DuplicateKeys.SCAN_LIMIT, ",\"k3\":0"),
                members(DuplicateKeys.SCAN_LIMIT + 1, ",\"k0\":0"),
                members(40, ",\"k39\":0"),
                members(40, ",\"new\":{\"k1\":" + members(20, "") + "},\"k2\":0"),
                "{\"big\":" + members(30, "") + ",\"k5\":1,\"after\":" + members(30, ",\"k29\":1") + "}",
                "{\"\":1,\"\":2}",
                "{\"\\u0061\":1,\"a\":2}");
        for (String json : cases) {
            assertEquals(jackson(json), ours(json), json);
        }
    }

    @Test
    void agreesWithJacksonOnRandomDocuments() throws Exception {
        Random random = new Random(7);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            String json = document(random, 0);
            String expected = jackson(json);
            assertEquals(expected, ours(json), json);
            refused += expected.startsWith("refused") ? 1 : 0;
        }
        assertTrue(refused > 300 && refused < 2_700, "both kinds of document were tried: " + refused + " refused");
    }

    @Test
    void theParserUnderneathLeavesTheCheckToIt() throws Exception {
        assertEquals("read 6 tokens", read(lenient("{\"a\":1,\"a\":2}")));
    }

    @Test
    void skippedValuesAreCheckedToo() throws Exception {
        try (JsonParser p = new DuplicateKeys(lenient("{\"skip\":{\"x\":[{\"a\":1,\"a\":2}]},\"next\":1}"))) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            JsonParseException e = assertThrows(JsonParseException.class, p::skipChildren);
            assertEquals("Duplicate field 'a'", e.getOriginalMessage());
        }
        try (JsonParser p = new DuplicateKeys(lenient("{\"skip\":{\"x\":[{\"a\":1,\"b\":2}]},\"next\":1}"))) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            p.skipChildren();
            assertEquals(JsonToken.END_OBJECT, p.currentToken());
            assertEquals(JsonToken.FIELD_NAME, p.nextToken());
            assertEquals("next", p.currentName());
        }
    }

    @Test
    void theRequestParserRefusesADuplicateAsTheStrictReaderWordsIt() throws Exception {
        String body = "{\"hook\":\"patient-view\",\"prefetch\":{\"p\":{\"resourceType\":\"Patient\",\"id\":\"1\",\"id\":\"2\"}}}";
        ApiException strict = assertThrows(ApiException.class, () -> Json.readRequest(body));
        assertTrue(strict.getMessage().contains("duplicate field 'id'"), strict.getMessage());
        try (JsonParser p = Json.requestParser(body.getBytes(StandardCharsets.UTF_8))) {
            assertThrows(JsonProcessingException.class, () -> {
                while (p.nextToken() != null) {
                    // read to the fault
                }
            });
        }
        ApiException streamed = assertThrows(ApiException.class, () -> Json.malformed(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(strict.getMessage(), streamed.getMessage());
    }

    /** Objects and arrays nested a few deep, with names from a small pool, so that duplicates come often but not always. */
    private static String document(Random random, int depth) {
        int kind = depth > 3 ? 2 : random.nextInt(3);
        if (kind == 0) {
            int n = random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = random.nextInt(4) == 0 ? "n" + random.nextInt(12) : "m" + depth + "_" + i;
                parts.add("\"" + name + "\":" + document(random, depth + 1));
            }
            return "{" + String.join(",", parts) + "}";
        }
        if (kind == 1) {
            return IntStream.range(0, random.nextInt(4)).mapToObj(i -> document(random, depth + 1)).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(random.nextInt(100));
    }

    /** The token count and message at which Jackson's strict parser stops, or that it read the whole document. */
    private static String jackson(String json) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            return read(p);
        }
    }

    private static String ours(String json) throws IOException {
        try (JsonParser p = new DuplicateKeys(lenient(json))) {
            return read(p);
        }
    }

    private static JsonParser lenient(String json) throws IOException {
        JsonParser p = Json.MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8));
        return p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static String read(JsonParser p) throws IOException {
        int tokens = 0;
        try {
            while (p.nextToken() != null) {
                tokens++;
            }
            return "read " + tokens + " tokens";
        } catch (JsonParseException e) {
            return "refused after " + tokens + " tokens: " + e.getOriginalMessage();
        }
    }
}
