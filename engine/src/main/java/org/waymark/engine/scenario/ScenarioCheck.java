package org.waymark.engine.scenario;

import java.util.List;
import java.util.Set;
import org.waymark.engine.facts.PatientRecord;

/**
 * A part of Waymark beyond rule sets (such as care pathways) that takes part in scenario replay: it adds
 * the recommendation codes it would issue for the record, and reports its own expectation mismatches
 * (e.g. a pathway step state) as readable lines.
 */
public interface ScenarioCheck {
    /** Codes this check produced and the mismatches it found. */
    record Result(Set<String> codes, List<String> failures) {
        public Result {
            codes = Set.copyOf(codes);
            failures = List.copyOf(failures);
        }
    }

    Result check(Scenario scenario, PatientRecord record);
}
