package org.waymark.pathways.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioCheck;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.evaluation.PathwayCards;
import org.waymark.pathways.evaluation.PathwayInstance;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.pathways.evaluation.StepState;

/**
 * Lets scenarios check pathways: adds the pathway card codes to the scenario's actual codes, and compares
 * each {@code expect.pathways} entry (pathway, instance number, step, state) with the evaluation. A step
 * state may also be an instance state when {@code step} is {@code instance}.
 */
public final class PathwayScenarioCheck implements ScenarioCheck {
    private final PathwayService service;

    public PathwayScenarioCheck(PathwayService service) {
        this.service = service;
    }

    @Override
    public Result check(Scenario scenario, PatientRecord record) {
        EvaluationTime asOf = EvaluationTime.of(scenario.asOf());
        List<PathwayInstance> instances = service.instances(record, asOf);
        Set<String> codes = new TreeSet<>();
        for (Recommendation r : PathwayCards.recommendations(instances, asOf, record.patient().reference())) {
            codes.add(r.code());
        }
        List<String> failures = new ArrayList<>();
        for (Scenario.PathwayExpectation e : scenario.expectPathways()) {
            int number = e.instance().orElse(1);
            Optional<PathwayInstance> instance = instances.stream()
                    .filter(i -> i.pathway().id().equals(e.pathway()) && i.number() == number).findFirst();
            if (instance.isEmpty()) {
                failures.add("pathway " + e.pathway() + " instance " + number + ": expected to exist but was not triggered");
                continue;
            }
            String actual = e.step().equals("instance") ? instance.get().status().code()
                    : instance.get().step(e.step()).map(StepState::status).map(s -> s.code()).orElse("(no such step)");
            if (!actual.equals(e.state())) {
                failures.add("pathway " + e.pathway() + " instance " + number + " " + e.step() + ": expected " + e.state() + " but was " + actual);
            }
        }
        return new Result(codes, failures);
    }
}
