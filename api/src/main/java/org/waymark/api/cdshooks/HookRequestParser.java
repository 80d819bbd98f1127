package org.waymark.api.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Json;
import org.waymark.api.http.StoredFields;

/**
 * Reads a request body (UTF-8) in one streaming pass and checks it against the CDS Hooks request rules, naming the
 * field at fault. The prefetch values of {@code prefetchKeys} (the service's) go straight from the parser into facts'
 * parts; the other members become small trees. The checks come in the order they would on the whole document: JSON
 * syntax anywhere first (the whole body is read before any other check), then the fields below, then, as
 * {@link PrefetchReader} comes to them, each prefetch value's faults.
 */
public final class HookRequestParser {
    private HookRequestParser() {
    }

    public static HookRequest parse(byte[] body, Set<String> prefetchKeys) {
        ObjectNode root = Json.object();
        Prefetch prefetch = Prefetch.NONE;
        try (JsonParser p = Json.requestParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // Empty, malformed further on, or holding a NUL, it is refused as such rather than for its type.
                Json.readRequest(new String(body, StandardCharsets.UTF_8));
                throw ApiException.badRequest("request body must be a JSON object", "$");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && name.equals("prefetch")) {
                    prefetch = Prefetch.read(p, prefetchKeys);
                } else {
                    root.set(name, Json.value(p));
                }
            }
            if (!Json.atEnd(p)) {
                throw Json.malformed(body);
            }
        } catch (JsonProcessingException e) {
            throw Json.malformed(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checked(root, prefetch);
    }

    /** The request of the body's members but a prefetch object ({@code root}), and its prefetch, once checked. */
    static HookRequest checked(ObjectNode root, Prefetch prefetch) {
        // Both go to the audit trail: checked against its columns here, so the call is refused rather than its record.
        String hookInstance = StoredFields.check(requiredText(root, "hookInstance"), "hookInstance", 200);
        String hook = StoredFields.check(requiredText(root, "hook"), "hook", 100);
        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw ApiException.badRequest("'context' is required and must be an object", "context");
        }
        Optional<String> fhirServer = optionalText(root, "fhirServer");
        Optional<JsonNode> auth = Optional.ofNullable(root.get("fhirAuthorization")).filter(n -> !n.isNull());
        if (auth.isPresent()) {
            if (fhirServer.isEmpty()) {
                throw ApiException.badRequest("'fhirAuthorization' requires 'fhirServer'", "fhirServer");
            }
            for (String field : new String[] {"access_token", "token_type", "expires_in", "scope", "subject"}) {
                if (!auth.get().hasNonNull(field)) {
                    throw ApiException.badRequest("'fhirAuthorization." + field + "' is required", "fhirAuthorization." + field);
                }
            }
        }
        // A prefetch object was read above; anything else but null left here is refused.
        JsonNode notAnObject = root.get("prefetch");
        if (notAnObject != null && !notAnObject.isNull()) {
            throw ApiException.badRequest("'prefetch' must be an object", "prefetch");
        }
        return new HookRequest(hookInstance, hook, (ObjectNode) context, fhirServer, auth, prefetch);
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required and must be a non-empty string", field);
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiException.badRequest("'" + field + "' must be a non-empty string", field);
        }
        return Optional.of(v.asText());
    }
}
