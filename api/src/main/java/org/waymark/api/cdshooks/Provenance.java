package org.waymark.api.cdshooks;

import java.util.List;

/** Where a card comes from, for machines: rule set, version, rules, the criteria they implement and the evidence referenced. */
public record Provenance(String ruleSet, String ruleSetVersion, String ruleId, List<String> ruleIds, List<String> sources,
                         List<String> evidence) {
    public Provenance {
        ruleIds = List.copyOf(ruleIds);
        sources = List.copyOf(sources);
        evidence = List.copyOf(evidence);
    }
}
