package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A care plan (e.g. a personalised care and support plan) that is active or completed. `at` is its period start, else created. */
public record CarePlan(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly, String status) implements RecordEntry {
    public CarePlan {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
    }
}
