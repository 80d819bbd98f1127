package org.waymark.engine.explain;

import org.waymark.engine.util.Require;

/**
 * One step of one care-pathway instance as of the instant: its state (done, due, overdue, pending, not-required), the
 * instance's state, the time standard (met, breached, open), when done how long it took, when it is or was due, and when
 * overdue how long past its deadline ({@code ""} where a value does not apply).
 */
public record StepExplanation(String pathway, String version, int instance, String instanceState, String step, String state,
                              String standard, String timeToDone, String due, String overdueBy) {
    public StepExplanation {
        Require.nonNull("pathway, version, instanceState, step, state, standard, timeToDone, due, overdueBy", pathway, version,
                instanceState, step, state, standard, timeToDone, due, overdueBy);
    }
}
