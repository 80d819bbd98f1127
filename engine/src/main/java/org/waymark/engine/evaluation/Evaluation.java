package org.waymark.engine.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The result of evaluating one patient as of one instant: recommendations and every rule that fired. */
public record Evaluation(Instant asOf, List<Recommendation> recommendations, List<FiredRule> firedRules) {
    public Evaluation {
        recommendations = List.copyOf(recommendations);
        firedRules = List.copyOf(firedRules);
    }

    public Set<String> codes() {
        return recommendations.stream().map(Recommendation::code).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
