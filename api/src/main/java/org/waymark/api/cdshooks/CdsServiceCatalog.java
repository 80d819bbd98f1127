package org.waymark.api.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;

/**
 * The services Waymark offers, derived from the active rule sets: one {@code patient-view} service per
 * rule set (id = rule-set id) and {@value #ALL} evaluating all of them in one call.
 */
public final class CdsServiceCatalog {
    public static final String ALL = "neighbourhood-care";
    static final String PATIENT_VIEW = "patient-view";

    private CdsServiceCatalog() {
    }

    public static List<CdsService> services(RuleSets ruleSets) {
        List<CdsService> out = new ArrayList<>();
        List<CompiledRuleSet> active = ruleSets.allActive();
        for (CompiledRuleSet rs : active) {
            out.add(new CdsService(rs.id(), PATIENT_VIEW, rs.manifest().title(),
                    rs.manifest().description().strip() + " (rule set " + rs.id() + " " + rs.version() + ")",
                    PrefetchTemplates.patientRecord(), List.of(rs.id()), ""));
        }
        if (!active.isEmpty()) {
            out.add(new CdsService(ALL, PATIENT_VIEW, "Neighbourhood care: all Waymark rule sets",
                    "Every active Waymark rule set in one call, with no duplicated advice: "
                            + String.join(", ", active.stream().map(CompiledRuleSet::id).toList()) + ".",
                    PrefetchTemplates.patientRecord(), active.stream().map(CompiledRuleSet::id).toList(), ""));
        }
        return out;
    }

    public static Optional<CdsService> find(RuleSets ruleSets, String id) {
        return services(ruleSets).stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
