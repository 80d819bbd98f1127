package org.waymark.api.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.waymark.api.http.Json;

/** Hostile variants of a valid JSON body: broken text, wrong types and shapes, extreme values, NULs, duplicates, trailing content. */
public final class Mutator {
    private static final String[] NASTY_TEXT = {"", " ", "\u0000", "\\u0000", "null", "1e309", "-1e309", "NaN", "../../etc/passwd", "%00",
        "Patient/../../x", "\uD800", "\uFFFF", "\u202E", "<script>", "' OR 1=1 --", "{{context.patientId}}", "x".repeat(5000),
        "2026-02-30", "+1000000000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "\r\nX-Injected: 1"};
    private static final String[] NASTY_JSON = {"null", "true", "0", "-0", "1e309", "-1e309", "1e-400", "123456789012345678901234567890",
        "\"\"", "\"\\u0000\"", "[]", "{}", "[null]", "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":null}]}",
        "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":\"Observation/1\"}]}", "{\"resourceType\":\"Bundle\",\"entry\":{}}",
        "{\"resourceType\":\"OperationOutcome\"}", "{\"resourceType\":\"Nope\"}", "{\"resourceType\":5}",
        "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":\"1e309\"}}"};
    private static final String[] TRAILERS = {"}", "]", " x", "{}", "\u0000", ",", "null", "/* */", "\"tail\""};

    private final Random random;

    public Mutator(Random random) {
        this.random = random;
    }

    /** One hostile variant of {@code valid} and a short name of what was done, for failure reports. */
    public Mutation mutate(String valid) {
        return switch (random.nextInt(10)) {
            case 0 -> new Mutation("truncated", valid.substring(0, random.nextInt(Math.max(1, valid.length()))));
            case 1 -> new Mutation("trailing", valid + TRAILERS[random.nextInt(TRAILERS.length)]);
            case 2 -> new Mutation("inserted char", insert(valid, String.valueOf((char) random.nextInt(0x80))));
            case 3 -> new Mutation("deleted span", delete(valid));
            case 4 -> new Mutation("duplicate key", duplicateKey(valid));
            case 5, 6 -> new Mutation("replaced value", replaceNode(valid, NASTY_JSON[random.nextInt(NASTY_JSON.length)]));
            case 7 -> new Mutation("replaced text", replaceNode(valid, Json.MAPPER.valueToTree(NASTY_TEXT[random.nextInt(NASTY_TEXT.length)]).toString()));
            case 8 -> new Mutation("removed field", removeField(valid));
            // Deeper than any parser limit; added as text because the tree API refuses it too.
            default -> new Mutation("deep nesting", valid.replaceFirst("\\{", "{\"deep\":" + "[".repeat(2000) + "]".repeat(2000) + ","));
        };
    }

    public record Mutation(String kind, String body) {
    }

    private String insert(String s, String what) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    private String delete(String s) {
        int from = random.nextInt(s.length());
        int to = Math.min(s.length(), from + 1 + random.nextInt(20));
        return s.substring(0, from) + s.substring(to);
    }

    private String duplicateKey(String s) {
        int at = s.indexOf("\":", random.nextInt(s.length()));
        if (at < 0) {
            return s + "}";
        }
        int start = s.lastIndexOf('"', at - 1);
        String key = s.substring(start, at + 2);
        return s.substring(0, start) + key + "null," + s.substring(start);
    }

    private String replaceNode(String valid, String replacementJson) {
        try {
            JsonNode root = Json.MAPPER.readTree(valid);
            JsonNode replacement = Json.MAPPER.readTree(replacementJson);
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                o.set(names.get(random.nextInt(names.size())), replacement);
            } else if (target instanceof ArrayNode a && a.size() > 0) {
                a.set(random.nextInt(a.size()), replacement);
            } else {
                return replacementJson;
            }
            return root.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String removeField(String valid) {
        try {
            JsonNode root = Json.MAPPER.readTree(valid);
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode o && o.size() > 0) {
                Iterator<String> names = o.fieldNames();
                int skip = random.nextInt(o.size());
                String name = names.next();
                for (int i = 0; i < skip; i++) {
                    name = names.next();
                }
                o.remove(name);
            }
            return root.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
