package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Shared validation for fact constructors. */
final class Entries {
    private Entries() {
    }

    /** Every entry has a reference (the provenance a card cites) and an {@code at}, empty when undated. */
    static void check(String reference, Optional<Instant> at) {
        reference(reference);
        Objects.requireNonNull(at, "at (Optional.empty() when undated)");
    }

    static String reference(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isBlank()) {
            throw new IllegalArgumentException("reference must not be blank");
        }
        return reference;
    }

    static List<Coding> codes(List<Coding> codes) {
        return codes == null ? List.of() : List.copyOf(codes);
    }

    static Set<String> valueSets(Set<String> valueSets) {
        return valueSets == null ? Set.of() : Set.copyOf(valueSets);
    }
}
