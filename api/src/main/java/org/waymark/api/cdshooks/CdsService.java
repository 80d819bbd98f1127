package org.waymark.api.cdshooks;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import org.waymark.engine.assessment.PathwayScope;

/**
 * A CDS service as discovery lists it: an id, the hook it answers, the rule sets it evaluates, whether it
 * adds care-pathway step cards, and (when not empty) the only recommendation codes it returns.
 * {@code prefetch} maps each key to its FHIR query template.
 */
public record CdsService(String id, String hook, String title, String description, Map<String, String> prefetch,
                         List<String> ruleSetIds, Optional<PathwayScope> pathways, Set<String> onlyCodes, String usageRequirements) {
    public CdsService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(description, "description");
        prefetch = Map.copyOf(prefetch);
        ruleSetIds = List.copyOf(ruleSetIds);
        pathways = Objects.requireNonNullElse(pathways, Optional.empty());
        onlyCodes = Set.copyOf(onlyCodes);
        usageRequirements = Objects.requireNonNullElse(usageRequirements, "");
    }
}
