package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleMetadata;

/**
 * Why / why not for one assessment request: the assessment itself (which rules fired, which codes it gives, the pathway
 * steps), and per rule of each rule set, each top-level condition with what the probe rules saw. The first explanation
 * of a rule-set version compiles its probes (a second or two); later ones reuse them. Thread-safe.
 */
public final class Explainer {
    private final Assessor assessor;
    private final ProbeBases bases = new ProbeBases();

    public Explainer(Assessor assessor) {
        this.assessor = assessor;
    }

    public Explanation explain(AssessmentRequest request) {
        Assessment assessment = assessor.assess(request);
        Set<String> fired = new HashSet<>();
        for (FiredRule f : assessment.firedRules()) {
            fired.add(f.ruleSetId() + "@" + f.ruleSetVersion() + "/" + f.ruleId());
        }
        List<RuleSetExplanation> ruleSets = new ArrayList<>();
        for (CompiledRuleSet ruleSet : request.ruleSets()) {
            ruleSets.add(explain(ruleSet, request, fired));
        }
        return new Explanation(assessment.asOf(), List.copyOf(assessment.codes()), ruleSets, steps(assessment.pathwaySteps(), assessment.asOf()));
    }

    private RuleSetExplanation explain(CompiledRuleSet ruleSet, AssessmentRequest request, Set<String> fired) {
        ProbeBase base = bases.of(ruleSet);
        ProbeCollector collector = ProbeRun.run(base, ruleSet, request.record(), request.asOf());
        List<RuleExplanation> rules = new ArrayList<>();
        for (ParsedDrl file : base.drl()) {
            ConstraintValues values = new ConstraintValues(file.imports(),
                    Map.of("asOf", request.asOf(), "params", ruleSet.parameters()));
            Conditions conditions = new Conditions(base, ruleSet.parameters(), collector, values);
            for (ParsedRule rule : file.rules()) {
                RuleMetadata meta = ruleSet.rules().stream().filter(m -> m.name().equals(rule.name())).findFirst().orElseThrow();
                rules.add(new RuleExplanation(meta.id(), meta.name(), meta.code().orElse(""),
                        fired.contains(ruleSet.key() + "/" + meta.id()), conditions.of(rule)));
            }
        }
        rules.sort(Comparator.comparing(RuleExplanation::id));
        return new RuleSetExplanation(ruleSet.id(), ruleSet.version(), rules);
    }

    private static List<StepExplanation> steps(List<StepObservation> steps, java.time.Instant asOf) {
        return steps.stream().map(s -> new StepExplanation(s.pathway(), s.pathwayVersion(), s.instance(), s.instanceState(), s.step(),
                s.state(), s.standard().name().toLowerCase(java.util.Locale.ROOT),
                s.timeToDone().map(java.time.Duration::toString).orElse(""), s.deadline().map(java.time.Instant::toString).orElse(""),
                s.deadline().filter(d -> "overdue".equals(s.state()) && d.isBefore(asOf))
                        .map(d -> java.time.Duration.between(d, asOf).toString()).orElse(""))).toList();
    }
}
