package org.waymark.engine.explain;

import org.waymark.engine.util.Require;

/**
 * One step of one care-pathway instance as of the instant: its state (done, due, overdue, pending, not-required), the
 * instance's state, the time standard (met, breached, open) and, when done, how long it took ({@code ""} otherwise).
 */
public record StepExplanation(String pathway, String version, int instance, String instanceState, String step, String state,
                              String standard, String timeToDone) {
    public StepExplanation {
        Require.nonNull("pathway, version, instanceState, step, state, standard, timeToDone", pathway, version, instanceState, step,
                state, standard, timeToDone);
    }
}
