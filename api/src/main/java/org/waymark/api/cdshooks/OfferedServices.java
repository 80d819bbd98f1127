package org.waymark.api.cdshooks;

import java.util.List;
import java.util.Set;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.pathways.definition.PathwayRegistry;

/** The services offered now: the catalogue resolved against the rule sets and pathways active at the moment of asking. */
public record OfferedServices(CdsServiceCatalog catalog, RuleSetRegistry registry, PathwayRegistry pathways) {
    public List<CdsService> services() {
        return catalog.services(registry.current(), pathways.active());
    }

    public Set<String> ids() {
        return catalog.serviceIds(registry.current(), pathways.active());
    }
}
