package org.waymark.engine.evaluation;

import org.waymark.engine.ruleset.RuleMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RecommendationDefinition;
import org.waymark.engine.time.EvaluationTime;

/**
 * Evaluates a patient's record against rule-set versions as of an explicit instant. Thread-safe: the
 * KieBases are shared and every call opens, and disposes, its own sessions. Globals each rule sees:
 * {@code asOf} ({@link EvaluationTime}), {@code params} (the rule set's parameters) and {@code out}
 * ({@link Outcome}).
 */
public final class Evaluator {
    /** Far above any real record's firings (a 150-entry record fires about 40); bounds a looping rule set. */
    static final int MAX_FIRINGS = 10_000;
    /**
     * Reused sessions, per rule-set version: a new session builds memory for every node of the network, which costs more
     * than evaluating a small record. A session goes back to its pool (reset, no facts or globals left) after a clean
     * evaluation, and is destroyed after a failed one.
     */
    private final Map<KieBase, KieSessionsPool> pools = new ConcurrentHashMap<>();

    public Evaluation evaluate(PatientRecord record, EvaluationTime asOf, List<CompiledRuleSet> ruleSets) {
        List<Recommendation> recommendations = new ArrayList<>();
        List<FiredRule> fired = new ArrayList<>();
        for (CompiledRuleSet ruleSet : ruleSets) {
            Outcome outcome = new Outcome();
            KieSession session = pools.computeIfAbsent(ruleSet.kieBase(), k -> k.newKieSessionsPool(Runtime.getRuntime().availableProcessors()))
                    .newKieSession();
            boolean clean = false;
            AgendaEventListener listener = new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    RuleMetadata meta = RuleMetadata.of(event.getMatch().getRule());
                    fired.add(new FiredRule(ruleSet.id(), ruleSet.version(), meta.id(), meta.name()));
                }
            };
            try {
                session.setGlobal("asOf", asOf);
                session.setGlobal("params", ruleSet.parameters());
                session.setGlobal("out", outcome);
                session.addEventListener(listener);
                session.insert(record.patient());
                for (RecordEntry entry : record.entries()) {
                    session.insert(entry.withValueSets(ruleSet.valueSets().membershipsOf(entry.codes())));
                }
                int firings = session.fireAllRules(MAX_FIRINGS);
                if (firings >= MAX_FIRINGS) {
                    // A rule set that keeps firing (e.g. a rule re-inserting what it matches) is stopped, never answered.
                    throw new IllegalStateException("rule set " + ruleSet.key() + " fired " + firings + " rules for one patient: stopped");
                }
                clean = true;
            } finally {
                session.removeEventListener(listener);
                if (clean) {
                    session.dispose();
                } else {
                    session.destroy();
                }
            }
            recommendations.addAll(merge(outcome.matches(), ruleSet, record.patient().reference()));
        }
        recommendations.sort(Comparator.comparing(Recommendation::ruleSetId)
                .thenComparing(Recommendation::indicator, Comparator.reverseOrder())
                .thenComparing(Recommendation::code));
        return new Evaluation(asOf.instant(), recommendations, fired);
    }

    /** One recommendation per code: several rules reaching the same advice merge their evidence, not repeat it. */
    private static List<Recommendation> merge(List<Outcome.Match> matches, CompiledRuleSet ruleSet, String patientReference) {
        Map<String, List<Outcome.Match>> byCode = new LinkedHashMap<>();
        for (Outcome.Match m : matches) {
            byCode.computeIfAbsent(m.rule().code().orElseThrow(), c -> new ArrayList<>()).add(m);
        }
        List<Recommendation> out = new ArrayList<>();
        byCode.forEach((code, group) -> {
            RecommendationDefinition def = ruleSet.recommendations().get(code);
            Set<Evidence> evidence = new LinkedHashSet<>();
            Set<String> ruleIds = new LinkedHashSet<>();
            Set<String> sources = new LinkedHashSet<>();
            List<String> rationales = new ArrayList<>();
            Set<String> checked = new LinkedHashSet<>();
            for (Outcome.Match m : group) {
                evidence.addAll(m.evidence());
                if (ruleIds.add(m.rule().id())) {
                    rationales.add(m.rule().rationale());
                    // The wording as loaded, with the rule set's parameter values filled in.
                    ruleSet.rules().stream().filter(r -> r.id().equals(m.rule().id())).findFirst().ifPresent(r -> checked.addAll(r.checked()));
                }
                sources.addAll(m.rule().sources());
            }
            out.add(new Recommendation(code, def.title(), def.summary(), def.indicator(),
                    String.join(" ", new LinkedHashSet<>(rationales)), def.detail(), List.copyOf(evidence), ruleSet.id(),
                    ruleSet.version(), List.copyOf(ruleIds), List.copyOf(sources),
                    SuggestionTemplates.forPatient(def.suggestions(), patientReference), List.copyOf(checked)));
        });
        return out;
    }
}
