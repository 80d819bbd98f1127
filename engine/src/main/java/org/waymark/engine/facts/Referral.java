package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A ServiceRequest (a referral) that is not revoked or entered in error. `at` is authoredOn. */
public record Referral(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly, String status, String priority) implements RecordEntry {
    public Referral {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
    }
}
