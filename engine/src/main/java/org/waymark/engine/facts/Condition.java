package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A problem-list entry that counts under CR-0 (active, recurrence, relapse or no status; not refuted or entered in error). `at` is onset, else recorded date. */
public record Condition(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly, String clinicalStatus) implements RecordEntry {
    public Condition {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
    }
}
