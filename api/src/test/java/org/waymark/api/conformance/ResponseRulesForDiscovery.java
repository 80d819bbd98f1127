package org.waymark.api.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** §Discovery: services is an array; each has hook, description and id; prefetch values are strings. */
final class ResponseRulesForDiscovery {
    private ResponseRulesForDiscovery() {
    }

    static List<String> violations(JsonNode discovery) {
        List<String> out = new ArrayList<>();
        if (!discovery.path("services").isArray()) {
            out.add("services must be an array");
            return out;
        }
        for (JsonNode s : discovery.path("services")) {
            for (String f : List.of("hook", "description", "id")) {
                if (s.path(f).asText("").isBlank()) {
                    out.add(s.path("id").asText("?") + ": " + f + " is required");
                }
            }
            s.path("prefetch").forEach(v -> {
                if (!v.isTextual()) {
                    out.add(s.path("id").asText() + ": prefetch values must be strings");
                }
            });
        }
        return out;
    }
}
