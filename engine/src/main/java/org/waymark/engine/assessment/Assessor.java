package org.waymark.engine.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.waymark.engine.evaluation.Evaluation;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.valueset.RecordCodes;

/**
 * The one way Waymark assesses a patient, whoever asks (the CDS Hooks server, screening, replay, activation checks,
 * shadow evaluation, benchmarks): the rule sets, then the care pathways, whose cards are left out where a rule set
 * already gave the same advice. Thread-safe.
 */
public final class Assessor {
    private final Evaluator evaluator = new Evaluator();
    private final CarePathways pathways;

    public Assessor(CarePathways pathways) {
        this.pathways = pathways;
    }

    public Assessment assess(AssessmentRequest request) {
        // The record's codes are looked up once, for the rule sets and the pathways.
        RecordCodes codes = RecordCodes.of(request.record());
        Evaluation evaluation = evaluator.evaluate(request.record(), codes, request.asOf(), request.ruleSets());
        List<Recommendation> recommendations = new ArrayList<>(evaluation.recommendations().stream()
                .filter(r -> request.onlyCodes().isEmpty() || request.onlyCodes().contains(r.code())).toList());
        List<StepObservation> steps = List.of();
        if (request.pathways().isPresent()) {
            Set<String> advised = recommendations.stream().map(Recommendation::code).collect(java.util.stream.Collectors.toSet());
            PathwayAdvice advice = pathways.advise(request.record(), codes, request.asOf(), request.pathways().get(), advised);
            recommendations.addAll(advice.recommendations());
            steps = advice.steps();
        }
        return new Assessment(evaluation.asOf(), recommendations, evaluation.firedRules(), steps);
    }
}
