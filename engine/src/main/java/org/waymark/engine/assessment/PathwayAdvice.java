package org.waymark.engine.assessment;

import java.util.List;
import org.waymark.engine.evaluation.Recommendation;

/** What the care pathways say of one record: their cards and the state of every step of every instance. */
public record PathwayAdvice(List<Recommendation> recommendations, List<StepObservation> steps) {
    public PathwayAdvice {
        recommendations = List.copyOf(recommendations);
        steps = List.copyOf(steps);
    }
}
