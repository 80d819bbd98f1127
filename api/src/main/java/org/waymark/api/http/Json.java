package org.waymark.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.waymark.engine.json.PlainStringJsonFactory;

/**
 * The API's one Jackson mapper, strict for request bodies (one document and nothing after it, no duplicate
 * keys) and, for every response ({@code ctx.json} uses it), never writing null or empty values (CDS Hooks §Use of
 * JSON); a field that must appear even when empty says so with {@code @JsonInclude(ALWAYS)}. Instants are ISO-8601.
 * Its parsers are the engine's ({@link PlainStringJsonFactory}), whose check for a key twice in an object allocates
 * nothing per object, where Jackson's made a hash set for each object of three keys or more.
 */
public final class Json {
    public static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder(new PlainStringJsonFactory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    /** Reads one value of a document whose reading goes on after it: trailing tokens are the document's. */
    private static final ObjectReader VALUE = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The mapper Javalin serialises {@code ctx.json(...)} with. */
    public static JsonMapper javalin() {
        return new JavalinJackson(MAPPER, false);
    }

    private Json() {
    }

    /** {@code value} as {@code ctx.json} writes it (this mapper), but straight to UTF-8 bytes, without a String between. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response as JSON", e);
        }
    }

    /**
     * Parses a request body strictly: one JSON document (whitespace may follow), no key twice in an object and
     * no NUL character anywhere, raw or escaped (stores and logs cut text at NUL, PostgreSQL refuses it). A
     * body that breaks a rule is a 400 saying which rule and where; record content is never quoted.
     */
    public static JsonNode readRequest(String body) {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(body)) {
            // Trailing content is checked below, to name it as such whatever follows.
            root = VALUE.readTree(parser);
            rejectTrailing(parser);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON" + where(e) + ": " + reason(e), "$");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest("request body is empty: a JSON object is required", "$");
        }
        rejectNul(root, "");
        return root;
    }

    /**
     * A streaming parser over a request body (UTF-8) for a reader that checks it as it goes to the rules of
     * {@link #readRequest}, with {@link #value}, {@link #atEnd} and {@link #malformed}. No string it gives holds a NUL:
     * the rare body that could (an escaped NUL, or bytes Java's decoder reads otherwise than Jackson's, such as
     * overlong UTF-8) is first checked whole by {@link #readRequest}, and then read as the text Java decodes.
     */
    public static JsonParser requestParser(byte[] body) throws IOException {
        if (PlainUtf8.plain(body)) {
            return MAPPER.createParser(body);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        readRequest(text);
        return MAPPER.createParser(text);
    }

    /** The value the parser is at, as a tree. */
    public static JsonNode value(JsonParser parser) throws IOException {
        return VALUE.readTree(parser);
    }

    /** Whether nothing but whitespace follows the document the parser has just read. */
    public static boolean atEnd(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            // Whatever follows the document (a stray '}', text) is trailing content, parseable or not.
            return false;
        }
    }

    /**
     * The refusal of a body a streaming reader found malformed: that of {@link #readRequest}, which reads the text as
     * characters, so that a body is refused in the same words (Jackson's byte parser words some faults otherwise) and
     * at the same column (it counts bytes) however it was read.
     */
    public static RuntimeException malformed(byte[] body) {
        readRequest(new String(body, StandardCharsets.UTF_8));
        return new IllegalStateException("the request body was malformed to the streaming reader only");
    }

    private static void rejectTrailing(JsonParser parser) throws IOException {
        if (!atEnd(parser)) {
            throw ApiException.badRequest("request body is not valid JSON" + where(parser) + ": trailing content after the JSON document", "$");
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String where(JsonParser parser) {
        return " at line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }

    /** Jackson's reason without the excerpt of the input it quotes (it could be record content). */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return message.replaceFirst("^Duplicate field '(.*)'$", "duplicate field '$1'");
        }
        // Jackson quotes the offending token ("Unrecognized token 'abc'"); keep only the kind of problem.
        int quote = message.indexOf('\'');
        return quote > 0 ? message.substring(0, quote).replaceAll("[\\s(]+$", "") : message;
    }

    private static void rejectNul(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            throw ApiException.badRequest("a NUL character (U+0000) is not allowed in request text", path.isEmpty() ? "$" : path);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().indexOf('\0') >= 0) {
                    throw ApiException.badRequest("a NUL character (U+0000) is not allowed in a field name", path.isEmpty() ? "$" : path);
                }
                rejectNul(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNul(node.get(i), path + "[" + i + "]");
            }
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
