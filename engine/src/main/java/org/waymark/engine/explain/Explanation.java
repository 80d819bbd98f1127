package org.waymark.engine.explain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.util.Require;

/**
 * Why and why not, for one record as of one instant: the recommendation codes the assessment gives, every rule of every
 * rule set evaluated with its conditions, and every care-pathway step.
 */
public record Explanation(Instant asOf, List<String> codes, List<RuleSetExplanation> ruleSets, List<StepExplanation> pathwaySteps) {
    public Explanation {
        Require.nonNull("asOf, codes, ruleSets, pathwaySteps", asOf, codes, ruleSets, pathwaySteps);
        codes = List.copyOf(codes);
        ruleSets = List.copyOf(ruleSets);
        pathwaySteps = List.copyOf(pathwaySteps);
    }

    /** The rule with this id in any rule set. */
    public Optional<RuleExplanation> rule(String ruleId) {
        return ruleSets.stream().flatMap(s -> s.rule(ruleId).stream()).findFirst();
    }
}
