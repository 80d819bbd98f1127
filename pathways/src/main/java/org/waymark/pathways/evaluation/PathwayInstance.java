package org.waymark.pathways.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.util.Require;
import org.waymark.pathways.definition.PathwayDefinition;

/**
 * One run of a pathway for a patient, started by one trigger entry; {@code number} counts from 1 in trigger order.
 * {@code triggeredAt} is the event the standard counts from (e.g. the discharge); {@code clockStart} is when the
 * clock runs from, later when a referral arrives outside service hours.
 */
public record PathwayInstance(PathwayDefinition pathway, int number, RecordEntry trigger, Instant triggeredAt, Instant clockStart, List<StepState> steps,
                              InstanceStatus status) {
    public PathwayInstance {
        Require.nonNull("pathway, trigger, triggeredAt, clockStart, status", pathway, trigger, triggeredAt, clockStart, status);
        steps = List.copyOf(steps);
    }

    public Optional<StepState> step(String id) {
        return steps.stream().filter(s -> s.step().id().equals(id)).findFirst();
    }
}
