package org.waymark.api.cdshooks;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CDS service as discovery lists it: an id, the hook it answers, the rule sets it evaluates and whether it
 * adds care-pathway step cards.
 * {@code prefetch} maps each key to its FHIR query template.
 */
public record CdsService(String id, String hook, String title, String description, Map<String, String> prefetch,
                         List<String> ruleSetIds, boolean pathways, String usageRequirements) {
    public CdsService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(description, "description");
        prefetch = Map.copyOf(prefetch);
        ruleSetIds = List.copyOf(ruleSetIds);
        usageRequirements = Objects.requireNonNullElse(usageRequirements, "");
    }
}
