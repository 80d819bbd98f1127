package org.waymark.pathways.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.pathways.definition.StepDefinition;

/**
 * One step of one instance: its status, the entry that showed it done and when, the instant its clock
 * started ({@code base}), its deadline, and how late it is or was.
 */
public record StepState(StepDefinition step, StepStatus status, Optional<RecordEntry> evidence, Optional<Instant> base,
                        Optional<Instant> deadline, Optional<Duration> late) {
    public StepState {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        evidence = Objects.requireNonNullElse(evidence, Optional.empty());
        base = Objects.requireNonNullElse(base, Optional.empty());
        deadline = Objects.requireNonNullElse(deadline, Optional.empty());
        late = Objects.requireNonNullElse(late, Optional.empty());
    }

    public Optional<Instant> doneAt() {
        return evidence.flatMap(RecordEntry::at);
    }

    /** Done, and by its deadline if it has one. */
    public boolean metStandard() {
        return status == StepStatus.DONE && late.isEmpty();
    }

    /** Overdue now, or done after its deadline. */
    public boolean breached() {
        return status == StepStatus.OVERDUE || status == StepStatus.DONE && late.isPresent();
    }

    /** Time from the step's clock start to when it was done. */
    public Optional<Duration> timeToDone() {
        return base.flatMap(b -> doneAt().map(d -> Duration.between(b, d)));
    }
}
