package org.waymark.api.cdshooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.pathways.definition.PathwayDefinition;
import org.waymark.pathways.evaluation.PathwayCards;

/**
 * The services Waymark offers, derived from the active rule sets and pathways: one {@code patient-view}
 * service per rule set (id = rule-set id), {@value #PATHWAYS} for pathway steps, {@value #ALL} evaluating
 * all of them in one call, and {@value #DISCHARGE} on {@code encounter-discharge} for reablement and
 * discharge-to-assess steps.
 */
public final class CdsServiceCatalog {
    public static final String ALL = "neighbourhood-care";
    public static final String PATHWAYS = "care-pathways";
    public static final String DISCHARGE = "discharge-planning";
    public static final String PRESCRIBING = "prescribing";
    static final String ORDER_SIGN = "order-sign";
    /** Rule sets with a medication-review recommendation, and its code, for the order-sign service. */
    private static final java.util.Map<String, String> MEDICATION_CODES = java.util.Map.of(
            "proactive-care", "proactive-care.medication-review", "care-homes", "care-homes.medication-review");
    private static final String USAGE = "Authenticate with a Bearer JWT (docs/security.md). Prefetch every key, or give fhirServer with "
            + "fhirAuthorization so Waymark can fetch what is missing; otherwise the call is answered 412.";
    private static final String DISCHARGE_USAGE = " context.encounterId is required.";
    private static final String ORDER_USAGE = " context.draftOrders (a Bundle) is required; draft MedicationRequests count as current.";
    static final String ENCOUNTER_DISCHARGE = "encounter-discharge";
    private static final Set<String> DISCHARGE_PATHWAYS = Set.of("reablement", "discharge-to-assess");
    /** At discharge every step due in the coming week is worth planning, not only the next day's. */
    private static final Duration DISCHARGE_HORIZON = Duration.ofDays(7);
    static final String PATIENT_VIEW = "patient-view";

    private CdsServiceCatalog() {
    }

    public static List<CdsService> services(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        List<CdsService> out = new ArrayList<>();
        List<CompiledRuleSet> active = ruleSets.allActive();
        for (CompiledRuleSet rs : active) {
            out.add(new CdsService(rs.id(), PATIENT_VIEW, rs.manifest().title(),
                    rs.manifest().description().strip() + " (rule set " + rs.id() + " " + rs.version() + ")",
                    PrefetchTemplates.patientRecord(), List.of(rs.id()), Optional.empty(), Set.of(), USAGE));
        }
        if (!pathways.isEmpty()) {
            out.add(new CdsService(PATHWAYS, PATIENT_VIEW, "Care pathways: steps due and overdue",
                    "Care-pathway steps that are overdue, or due within a day, against their time standards: "
                            + String.join(", ", pathways.stream().map(PathwayDefinition::id).toList()) + ".",
                    PrefetchTemplates.patientRecord(), List.of(), Optional.of(new CdsService.PathwayScope(Set.of(), PathwayCards.DUE_SOON)), Set.of(),
                    USAGE));
            List<String> discharge = pathways.stream().map(PathwayDefinition::id).filter(DISCHARGE_PATHWAYS::contains).toList();
            if (!discharge.isEmpty()) {
                out.add(new CdsService(DISCHARGE, ENCOUNTER_DISCHARGE, "Discharge: reablement and discharge to assess",
                        "At hospital discharge, the reablement and discharge-to-assess steps that are due or overdue, with their deadlines.",
                        PrefetchTemplates.dischargeRecord(), List.of(),
                        Optional.of(new CdsService.PathwayScope(Set.copyOf(discharge), DISCHARGE_HORIZON)), Set.of(), USAGE + DISCHARGE_USAGE));
            }
        }
        if (!active.isEmpty()) {
            out.add(new CdsService(ALL, PATIENT_VIEW, "Neighbourhood care: all Waymark rule sets and pathways",
                    "Every active Waymark rule set and care pathway in one call, with no duplicated advice: "
                            + String.join(", ", active.stream().map(CompiledRuleSet::id).toList()) + (pathways.isEmpty() ? "" : ", care pathways") + ".",
                    PrefetchTemplates.patientRecord(), active.stream().map(CompiledRuleSet::id).toList(),
                    pathways.isEmpty() ? Optional.empty() : Optional.of(new CdsService.PathwayScope(Set.of(), PathwayCards.DUE_SOON)), Set.of(), USAGE));
        }
        List<String> medicationSets = active.stream().map(CompiledRuleSet::id).filter(MEDICATION_CODES::containsKey).toList();
        if (!medicationSets.isEmpty()) {
            out.add(new CdsService(PRESCRIBING, ORDER_SIGN, "Prescribing: structured medication review",
                    "When signing medication orders: whether the new prescriptions take the person to the structured medication review "
                            + "threshold (10 or more current medicines) with no review in 12 months.",
                    PrefetchTemplates.patientRecord(), medicationSets, Optional.empty(),
                    Set.copyOf(medicationSets.stream().map(MEDICATION_CODES::get).toList()), USAGE + ORDER_USAGE));
        }
        return out;
    }

    /** The ids of the services offered now. */
    public static Set<String> serviceIds(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        return services(ruleSets, pathways).stream().map(CdsService::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static Optional<CdsService> find(RuleSets ruleSets, List<PathwayDefinition> pathways, String id) {
        return services(ruleSets, pathways).stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
