package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Json;
import org.waymark.api.http.StoredFields;

/** Checks a request body against the CDS Hooks request rules, naming the field at fault. */
public final class HookRequestParser {
    private HookRequestParser() {
    }

    public static HookRequest parse(String body) {
        JsonNode root = Json.readRequest(body);
        if (!root.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object", "$");
        }
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
        JsonNode prefetch = root.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
            throw ApiException.badRequest("'prefetch' must be an object", "prefetch");
        }
        return new HookRequest(hookInstance, hook, (ObjectNode) context, fhirServer, auth,
                Optional.ofNullable(prefetch).filter(JsonNode::isObject).map(ObjectNode.class::cast));
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
