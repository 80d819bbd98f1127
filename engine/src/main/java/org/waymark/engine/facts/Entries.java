package org.waymark.engine.facts;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Shared validation for fact constructors. */
final class Entries {
    private Entries() {
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
