package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A completed procedure (CR-0). `at` is when it was performed. */
public record Procedure(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly) implements RecordEntry {
    public Procedure {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
    }
}
