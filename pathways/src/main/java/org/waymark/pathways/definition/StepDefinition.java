package org.waymark.pathways.definition;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a pathway: the value set whose entries show it was done, its deadline (if any), whether it
 * is required, who owns it, whether it applies only after the patient has died (bereavement support), and
 * which rule-set recommendation codes already give the same advice (so one response never says it twice).
 */
public record StepDefinition(String id, String title, String evidenceValueSet, Optional<Deadline> deadline, boolean required,
                             String owner, boolean afterDeath, Set<String> sameAdviceAs) {
    public StepDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(evidenceValueSet, "evidenceValueSet");
        deadline = Objects.requireNonNullElse(deadline, Optional.empty());
        owner = Objects.requireNonNullElse(owner, "");
        sameAdviceAs = Set.copyOf(sameAdviceAs);
    }
}
