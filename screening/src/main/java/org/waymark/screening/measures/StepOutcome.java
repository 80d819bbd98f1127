package org.waymark.screening.measures;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.waymark.pathways.kpi.PathwayKpi;

/**
 * One pathway step's time-standard outcome for one patient of a PCN. {@code standardStep} and {@code target} come from
 * the pathway definition (the step its time standard measures and the share that must meet it, e.g. UCR 70% within 2
 * hours, clinical reference CR-6.1). {@code timeToDone} is empty while the step is not done.
 */
public record StepOutcome(String pcn, String pathway, String step, boolean standardStep, double target, PathwayKpi.Outcome outcome,
                          Optional<Duration> timeToDone) {
    public StepOutcome {
        pcn = pcn == null || pcn.isBlank() ? ScreenedPatient.UNKNOWN_AREA : pcn;
        Objects.requireNonNull(pathway, "pathway");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        timeToDone = Objects.requireNonNullElse(timeToDone, Optional.empty());
        if (target < 0 || target > 1) {
            throw new IllegalArgumentException("target is a share between 0 and 1: " + target);
        }
    }
}
