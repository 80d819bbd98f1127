package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.waymark.api.http.ApiException;

/**
 * The JSON shape a FHIR resource or Bundle must have before HAPI parses it: HAPI fails with an internal error on
 * some malformed Bundles (an entry whose {@code resource} is null or a string), which would otherwise be a 500.
 */
final class FhirJsonShape {
    private FhirJsonShape() {
    }

    /** Checks {@code value}, named {@code where} in errors (e.g. {@code prefetch.conditions}). */
    static void check(JsonNode value, String where) {
        if (!value.isObject() || !value.path("resourceType").isTextual() || value.path("resourceType").asText().isBlank()) {
            throw ApiException.badRequest("'" + where + "' must be a FHIR resource or Bundle with a resourceType", where);
        }
        if (!"Bundle".equals(value.get("resourceType").asText()) || !value.has("entry")) {
            return;
        }
        JsonNode entries = value.get("entry");
        if (!entries.isArray()) {
            throw ApiException.badRequest("'" + where + ".entry' must be an array", where + ".entry");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String at = where + ".entry[" + i + "]";
            if (!entry.isObject()) {
                throw ApiException.badRequest("'" + at + "' must be an object", at);
            }
            if (entry.has("resource")) {
                check(entry.get("resource"), at + ".resource");
            }
        }
    }
}
