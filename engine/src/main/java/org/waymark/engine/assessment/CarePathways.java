package org.waymark.engine.assessment;

import java.util.List;
import java.util.Set;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.RecordCodes;

/**
 * The port through which an assessment reaches care pathways (implemented by the pathways module), so the
 * engine decides once how pathway advice joins rule-set advice without knowing how pathways are evaluated.
 */
public interface CarePathways {
    /** No pathways at all, for callers that assess rule sets alone. */
    CarePathways NONE = (record, codes, asOf, scope, alreadyAdvised) -> new PathwayAdvice(List.of(), List.of());

    /**
     * The pathways' step states for the record and their cards, leaving out steps whose advice a rule set already
     * gave under one of {@code alreadyAdvised}'s codes. {@code codes}: the record's codes, looked up once by the caller.
     */
    PathwayAdvice advise(PatientRecord record, RecordCodes codes, EvaluationTime asOf, PathwayScope scope, Set<String> alreadyAdvised);

    /** Every code the pathways' cards can carry, so a scenario expecting another one is known to be misspelt. */
    default Set<String> codes() {
        return Set.of();
    }
}
