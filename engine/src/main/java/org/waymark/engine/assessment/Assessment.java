package org.waymark.engine.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.evaluation.Recommendation;

/**
 * The answer for one patient as of one instant: rule-set recommendations first, then pathway cards for advice no
 * rule gave; every rule that fired; and the state of every pathway step.
 */
public record Assessment(Instant asOf, List<Recommendation> recommendations, List<FiredRule> firedRules,
                         List<StepObservation> pathwaySteps) {
    public Assessment {
        recommendations = List.copyOf(recommendations);
        firedRules = List.copyOf(firedRules);
        pathwaySteps = List.copyOf(pathwaySteps);
    }

    public Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        recommendations.forEach(r -> codes.add(r.code()));
        return codes;
    }
}
