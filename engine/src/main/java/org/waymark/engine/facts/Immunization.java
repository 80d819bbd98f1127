package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A completed immunisation; `codes` are the vaccine codes. `at` is the occurrence. */
public record Immunization(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly) implements RecordEntry {
    public Immunization {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
    }
}
