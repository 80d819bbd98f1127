package org.waymark.engine.assessment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;

/**
 * What to assess: one patient's record as of an instant, with the rule-set versions and care pathways to use.
 *
 * @param pathways the care pathways to add (none when empty)
 * @param onlyCodes the rule-set recommendation codes a service issues (all when empty), e.g. medication review on order-sign
 */
public record AssessmentRequest(PatientRecord record, EvaluationTime asOf, List<CompiledRuleSet> ruleSets,
                                Optional<PathwayScope> pathways, Set<String> onlyCodes) {
    public AssessmentRequest {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(asOf, "asOf");
        ruleSets = List.copyOf(ruleSets);
        pathways = Objects.requireNonNullElse(pathways, Optional.empty());
        onlyCodes = Set.copyOf(onlyCodes);
    }

    /** Every given rule set and every active pathway, as screening and replay assess a patient. */
    public static AssessmentRequest everything(PatientRecord record, EvaluationTime asOf, List<CompiledRuleSet> ruleSets) {
        return new AssessmentRequest(record, asOf, ruleSets, Optional.of(PathwayScope.ALL), Set.of());
    }
}
