package org.waymark.api.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CDS Hooks 2.0.1 response rules, as checks that return every violation found. Numbered after the
 * HL7 CDS Hooks IG response invariants, from the spec text (§CDS Service Response, §Card Attributes,
 * §Suggestion, §Action, §Link, §Use of JSON):
 * cds-resp-1 cards is a required array; cds-resp-2 summary required and under 140 characters;
 * cds-resp-3 indicator required, one of info, warning, critical; cds-resp-4 source required with a label;
 * cds-resp-5 suggestions have a label and actions of type create, update or delete with a description
 * (create and update carry a resource); cds-resp-6 selectionBehavior (at-most-one or any) is required with
 * suggestions, and override reasons are Codings with a display. Everywhere: no null or empty values.
 */
final class ResponseRules {
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> ACTIONS = Set.of("create", "update", "delete");

    private ResponseRules() {
    }

    static List<String> violations(JsonNode response) {
        List<String> out = new ArrayList<>();
        noNullOrEmpty(response, "$", out, true);
        JsonNode cards = response.get("cards");
        if (cards == null || !cards.isArray()) {
            out.add("cds-resp-1: cards must be an array");
            return out;
        }
        for (int i = 0; i < cards.size(); i++) {
            JsonNode c = cards.get(i);
            String at = "cards[" + i + "]";
            String summary = c.path("summary").asText("");
            if (summary.isBlank() || summary.length() >= 140) {
                out.add("cds-resp-2: " + at + ".summary is required and under 140 characters");
            }
            if (!INDICATORS.contains(c.path("indicator").asText(""))) {
                out.add("cds-resp-3: " + at + ".indicator must be info, warning or critical");
            }
            if (c.path("source").path("label").asText("").isBlank()) {
                out.add("cds-resp-4: " + at + ".source.label is required");
            }
            JsonNode suggestions = c.get("suggestions");
            if (suggestions != null) {
                for (int s = 0; s < suggestions.size(); s++) {
                    JsonNode sug = suggestions.get(s);
                    if (sug.path("label").asText("").isBlank()) {
                        out.add("cds-resp-5: " + at + ".suggestions[" + s + "].label is required");
                    }
                    for (JsonNode a : sug.path("actions")) {
                        String type = a.path("type").asText("");
                        if (!ACTIONS.contains(type) || a.path("description").asText("").isBlank()
                                || !type.equals("delete") && !a.has("resource")) {
                            out.add("cds-resp-5: " + at + ".suggestions[" + s + "] has an action without a valid type, description or resource");
                        }
                    }
                }
                if (!Set.of("at-most-one", "any").contains(c.path("selectionBehavior").asText(""))) {
                    out.add("cds-resp-6: " + at + ".selectionBehavior is required with suggestions (at-most-one or any)");
                }
            }
            for (JsonNode r : c.path("overrideReasons")) {
                if (r.path("display").asText("").isBlank() || r.path("code").asText("").isBlank()) {
                    out.add("cds-resp-6: " + at + ".overrideReasons need a code and a display");
                }
            }
            for (JsonNode l : c.path("links")) {
                if (l.path("label").asText("").isBlank() || l.path("url").asText("").isBlank()
                        || !Set.of("absolute", "smart").contains(l.path("type").asText(""))) {
                    out.add("cds-resp-6: " + at + ".links need label, url and type absolute or smart");
                }
            }
        }
        return out;
    }

    /** §Use of JSON: optional fields are omitted rather than null or empty; the top-level cards array may be empty. */
    private static void noNullOrEmpty(JsonNode node, String path, List<String> out, boolean root) {
        if (node.isNull()) {
            out.add("null value at " + path);
        } else if (node.isTextual() && node.asText().isEmpty()) {
            out.add("empty string at " + path);
        } else if (node.isContainerNode()) {
            if (node.isEmpty() && !(path.equals("$.cards"))) {
                out.add("empty " + (node.isArray() ? "array" : "object") + " at " + path);
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    noNullOrEmpty(e.getValue(), path + "." + e.getKey(), out, false);
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    noNullOrEmpty(node.get(i), path + "[" + i + "]", out, false);
                }
            }
        }
    }
}
