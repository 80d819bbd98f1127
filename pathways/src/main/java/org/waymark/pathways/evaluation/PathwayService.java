package org.waymark.pathways.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.assessment.PathwayAdvice;
import org.waymark.engine.assessment.PathwayScope;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.RecordCodes;
import org.waymark.pathways.definition.PathwayDefinition;
import org.waymark.pathways.definition.PathwayRegistry;

/** Evaluates every active pathway for a patient: the instances, and the cards they call for. */
public final class PathwayService implements CarePathways {
    private final PathwayRegistry registry;
    private final PathwayEvaluator evaluator = new PathwayEvaluator();

    public PathwayService(PathwayRegistry registry) {
        this.registry = registry;
    }

    public PathwayRegistry registry() {
        return registry;
    }

    @Override
    public Set<String> codes() {
        Set<String> out = new java.util.TreeSet<>();
        registry.all().forEach(p -> out.addAll(PathwayCards.codes(p)));
        return out;
    }

    public List<PathwayInstance> instances(PatientRecord record, EvaluationTime asOf) {
        return instances(record, RecordCodes.of(record), asOf);
    }

    private List<PathwayInstance> instances(PatientRecord record, RecordCodes codes, EvaluationTime asOf) {
        List<PathwayInstance> out = new ArrayList<>();
        for (PathwayDefinition p : registry.active()) {
            out.addAll(evaluator.evaluate(p, record, codes, asOf));
        }
        return out;
    }

    @Override
    public PathwayAdvice advise(PatientRecord record, RecordCodes codes, EvaluationTime asOf, PathwayScope scope, Set<String> alreadyAdvised) {
        List<PathwayInstance> instances = instances(record, codes, asOf).stream().filter(i -> scope.includes(i.pathway().id())).toList();
        List<StepObservation> steps = new ArrayList<>();
        for (PathwayInstance i : instances) {
            for (StepState s : i.steps()) {
                steps.add(new StepObservation(i.pathway().id(), i.pathway().version(), i.number(), i.status().code(), s.step().id(),
                        s.status().code(), s.step().id().equals(i.pathway().kpiStep()), i.pathway().kpiTarget(),
                        s.metStandard() ? StepObservation.Standard.MET : s.breached() ? StepObservation.Standard.BREACHED
                                : StepObservation.Standard.OPEN, s.timeToDone(), s.deadline()));
            }
        }
        return new PathwayAdvice(PathwayCards.recommendations(instances, asOf, record.patient().reference(), alreadyAdvised,
                scope.dueWithin()), steps);
    }

    /**
     * Cards for the given pathways' steps needing action (all active pathways when {@code pathwayIds} is empty),
     * leaving out advice already given under the codes in {@code alreadyAdvised}; due cards for steps due within
     * {@code dueWithin}.
     */
    public List<Recommendation> recommendations(PatientRecord record, EvaluationTime asOf, Set<String> pathwayIds,
                                                Set<String> alreadyAdvised, Duration dueWithin) {
        List<PathwayInstance> instances = instances(record, asOf).stream()
                .filter(i -> pathwayIds.isEmpty() || pathwayIds.contains(i.pathway().id())).toList();
        return PathwayCards.recommendations(instances, asOf, record.patient().reference(), alreadyAdvised, dueWithin);
    }
}
