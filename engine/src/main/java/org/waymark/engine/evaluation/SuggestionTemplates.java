package org.waymark.engine.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.waymark.engine.ruleset.Suggestion;

/** Fills the {@code {{patient}}} placeholder of suggestion resource templates with the patient's reference. */
final class SuggestionTemplates {
    private SuggestionTemplates() {
    }

    static List<Suggestion> forPatient(List<Suggestion> templates, String patientReference) {
        return templates.stream().map(s -> new Suggestion(s.label(), s.actions().stream()
                .map(a -> new Suggestion.Action(a.type(), a.description(), a.resource().map(r -> fill(r, patientReference))))
                .toList())).toList();
    }

    private static JsonNode fill(JsonNode node, String patient) {
        if (node.isTextual()) {
            return node.asText().contains("{{patient}}") ? TextNode.valueOf(node.asText().replace("{{patient}}", patient)) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), fill(e.getValue(), patient));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(n -> copy.add(fill(n, patient)));
            return copy;
        }
        return node;
    }
}
