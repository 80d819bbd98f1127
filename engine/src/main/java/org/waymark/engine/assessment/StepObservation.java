package org.waymark.engine.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of one pathway instance as of the assessment instant: what scenario checks compare and what KPIs
 * count. States are the pathway's own codes (step: done, due, overdue, pending, not-required; instance: open,
 * met, breached, closed).
 *
 * @param kpiStep whether this is the step the pathway's time-standard KPI measures
 * @param standard MET (done in time), BREACHED (overdue or done late) or OPEN
 * @param timeToDone from the step's clock start to when it was done
 * @param deadline when the step is or was due, if its clock has started and it has a time limit
 */
public record StepObservation(String pathway, String pathwayVersion, int instance, String instanceState, String step, String state,
                              boolean kpiStep, double kpiTarget, Standard standard, Optional<Duration> timeToDone,
                              Optional<Instant> deadline) {
    public enum Standard { MET, BREACHED, OPEN }

    public StepObservation {
        Objects.requireNonNull(pathway, "pathway");
        Objects.requireNonNull(pathwayVersion, "pathwayVersion");
        Objects.requireNonNull(instanceState, "instanceState");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(standard, "standard");
        timeToDone = Objects.requireNonNullElse(timeToDone, Optional.empty());
        deadline = Objects.requireNonNullElse(deadline, Optional.empty());
    }
}
