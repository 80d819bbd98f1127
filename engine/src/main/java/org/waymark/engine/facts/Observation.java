package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A final, amended or corrected observation (CR-0): a score such as eFI or CFS, or a coded finding.
 * {@code value} is the numeric value (quantity, decimal or integer), null when the observation has
 * none; Drools treats comparisons with null as false, so {@code value > 0.24} never matches a missing
 * value. A coded value's codings are added to {@link #codes()} so value sets can match them.
 */
public record Observation(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, Double value)
        implements RecordEntry {
    public Observation {
        reference = Entries.reference(reference);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
        at = at == null ? Optional.empty() : at;
    }

    public boolean hasValue() {
        return value != null;
    }

    @Override
    public Observation withValueSets(Set<String> valueSets) {
        return new Observation(reference, codes, valueSets, at, value);
    }

    @Override
    public String display() {
        String base = RecordEntry.super.display();
        return value == null ? base : base + " = " + stripZeros(value);
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
