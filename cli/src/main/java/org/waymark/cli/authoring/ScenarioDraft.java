package org.waymark.cli.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario's record made from a CDS Hooks request (its prefetch: resources and search Bundles, de-duplicated) or
 * from a FHIR Bundle or resource, as one collection Bundle. Unless asked to keep them, the Patient's direct
 * identifiers (name, identifiers, telecom, address, contacts, photo) are removed: a scenario is committed and
 * shared, a request may come from a real record.
 */
record ScenarioDraft(String hook, ObjectNode bundle) {
    private static final List<String> IDENTIFYING = List.of("name", "identifier", "telecom", "address", "contact", "photo");

    static ScenarioDraft of(JsonNode input, boolean keepIdentifiers) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        String hook;
        if (input.has("hook") && input.has("context")) {
            hook = input.get("hook").asText();
            input.path("prefetch").forEach(value -> collect(value, resources));
        } else if (input.has("resourceType")) {
            hook = "patient-view";
            collect(input, resources);
        } else {
            throw new IllegalArgumentException("expected a CDS Hooks request (hook, context, prefetch) or a FHIR Bundle or resource");
        }
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode resource : resources.values()) {
            ObjectNode copy = resource.deepCopy();
            if (!keepIdentifiers && "Patient".equals(copy.path("resourceType").asText())) {
                copy.remove(IDENTIFYING);
            }
            entries.addObject().set("resource", copy);
        }
        if (resources.values().stream().noneMatch(r -> "Patient".equals(r.path("resourceType").asText()))) {
            throw new IllegalArgumentException("no Patient resource in the input: a scenario needs the patient");
        }
        return new ScenarioDraft(hook, bundle);
    }

    /** A resource, or each entry of a Bundle; the same resource under two prefetch keys is kept once. */
    private static void collect(JsonNode value, Map<String, JsonNode> into) {
        if (value == null || !value.isObject()) {
            return;
        }
        if ("Bundle".equals(value.path("resourceType").asText())) {
            value.path("entry").forEach(e -> collect(e.get("resource"), into));
        } else if (value.has("resourceType") && !"OperationOutcome".equals(value.path("resourceType").asText())) {
            String key = value.get("resourceType").asText() + "/" + Optional.ofNullable(value.get("id")).map(JsonNode::asText)
                    .orElse("#" + into.size());
            into.putIfAbsent(key, value);
        }
    }
}
