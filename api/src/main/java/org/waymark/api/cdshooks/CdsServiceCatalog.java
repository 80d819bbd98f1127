package org.waymark.api.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.pathways.definition.PathwayDefinition;

/**
 * The services Waymark offers, derived from the active rule sets and pathways: one {@code patient-view}
 * service per rule set (id = rule-set id), {@value #PATHWAYS} for pathway steps, and {@value #ALL}
 * evaluating all of them in one call.
 */
public final class CdsServiceCatalog {
    public static final String ALL = "neighbourhood-care";
    public static final String PATHWAYS = "care-pathways";
    static final String PATIENT_VIEW = "patient-view";

    private CdsServiceCatalog() {
    }

    public static List<CdsService> services(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        List<CdsService> out = new ArrayList<>();
        List<CompiledRuleSet> active = ruleSets.allActive();
        for (CompiledRuleSet rs : active) {
            out.add(new CdsService(rs.id(), PATIENT_VIEW, rs.manifest().title(),
                    rs.manifest().description().strip() + " (rule set " + rs.id() + " " + rs.version() + ")",
                    PrefetchTemplates.patientRecord(), List.of(rs.id()), false, ""));
        }
        if (!pathways.isEmpty()) {
            out.add(new CdsService(PATHWAYS, PATIENT_VIEW, "Care pathways: steps due and overdue",
                    "Care-pathway steps that are overdue, or due within a day, against their time standards: "
                            + String.join(", ", pathways.stream().map(PathwayDefinition::id).toList()) + ".",
                    PrefetchTemplates.patientRecord(), List.of(), true, ""));
        }
        if (!active.isEmpty()) {
            out.add(new CdsService(ALL, PATIENT_VIEW, "Neighbourhood care: all Waymark rule sets and pathways",
                    "Every active Waymark rule set and care pathway in one call, with no duplicated advice: "
                            + String.join(", ", active.stream().map(CompiledRuleSet::id).toList()) + (pathways.isEmpty() ? "" : ", care pathways") + ".",
                    PrefetchTemplates.patientRecord(), active.stream().map(CompiledRuleSet::id).toList(), !pathways.isEmpty(), ""));
        }
        return out;
    }

    public static Optional<CdsService> find(RuleSets ruleSets, List<PathwayDefinition> pathways, String id) {
        return services(ruleSets, pathways).stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
