package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An active flag, such as a care-home or palliative register marker. `at` is the start of its period. */
public record Flag(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly) implements RecordEntry {
    public Flag {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
    }
}
