package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated CDS Hooks request (spec §HTTP Request). {@code prefetch} holds the values of the keys the service reads,
 * already read ({@link Prefetch#NONE} when the client sent none).
 */
public record HookRequest(String hookInstance, String hook, ObjectNode context, Optional<String> fhirServer,
                          Optional<JsonNode> fhirAuthorization, Prefetch prefetch) {
    public HookRequest {
        Objects.requireNonNull(hookInstance, "hookInstance");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(prefetch, "prefetch");
    }

    public Optional<String> patientId() {
        JsonNode id = context.get("patientId");
        return id != null && id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
    }
}
