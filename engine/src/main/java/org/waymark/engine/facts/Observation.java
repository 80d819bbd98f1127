package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A final, amended or corrected observation (CR-0): a score such as eFI or CFS, or a coded finding.
 * {@code value} is the numeric value (quantity, decimal, integer, or a string holding a number such as
 * "7"), null when the observation has none or the value is not a finite number; Drools treats
 * comparisons with null as false, so {@code value > 0.24} never matches a missing value. {@code unit} is
 * the quantity's UCUM code, else its unit text (e.g. "%"), so rules can convert or refuse a value. A coded
 * value's codings are added to {@link #codes()} so value sets can match them.
 */
public record Observation(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly,
                          Double value, Optional<String> unit) implements RecordEntry {
    public Observation {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
        // NaN and infinities are not measurements: the entry keeps its code but has no value.
        value = value == null || !Double.isFinite(value) ? null : value;
        unit = unit == null ? Optional.empty() : unit.map(String::strip).filter(u -> !u.isEmpty());
    }

    /** True when the observation has a finite numeric value. */
    public boolean hasValue() {
        return value != null;
    }

    @Override
    public String display() {
        String base = RecordEntry.super.display();
        return value == null ? base : base + " = " + stripZeros(value) + unit.map(u -> " " + u).orElse("");
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
