package org.waymark.pathways.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.pathways.definition.PathwayDefinition;

/**
 * One run of a pathway for a patient, started by one trigger entry; {@code number} counts from 1 in trigger order.
 * {@code triggeredAt} is the event the standard counts from (e.g. the discharge); {@code clockStart} is when the
 * clock runs from, later when a referral arrives outside service hours.
 */
public record PathwayInstance(PathwayDefinition pathway, int number, RecordEntry trigger, Instant triggeredAt, Instant clockStart, List<StepState> steps,
                              InstanceStatus status) {
    public PathwayInstance {
        Objects.requireNonNull(pathway, "pathway");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(clockStart, "clockStart");
        steps = List.copyOf(steps);
        Objects.requireNonNull(status, "status");
    }

    public Optional<StepState> step(String id) {
        return steps.stream().filter(s -> s.step().id().equals(id)).findFirst();
    }
}
