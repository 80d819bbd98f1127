package org.waymark.engine.facts;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.waymark.engine.facts.Evidential;

/**
 * An electronic frailty index computed by Waymark from the record (CR-1.1): distinct deficits present
 * plus polypharmacy, over 36. Inserted by a rule when no score was recorded recently; cites the entries
 * that were deficits, so the card can list them.
 */
public record ComputedFrailtyIndex(SortedSet<String> deficits, boolean polypharmacy, List<Evidence> evidence)
        implements Evidential {
    public static final int DEFICIT_COUNT = 36;

    public ComputedFrailtyIndex {
        deficits = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(deficits, "deficits")));
        evidence = List.copyOf(evidence);
    }

    /** Builds the index from the deficit categories found, the entries behind them, and the current-medicine count. */
    public static ComputedFrailtyIndex of(java.util.Collection<?> deficitNames, java.util.Collection<?> entries, Number medicines,
                                          int polypharmacyThreshold) {
        SortedSet<String> names = new TreeSet<>();
        deficitNames.forEach(d -> names.add(d.toString()));
        List<Evidence> cited = new java.util.ArrayList<>();
        for (Object e : entries) {
            if (e instanceof RecordEntry entry) {
                cited.add(new Evidence(entry.reference(), "eFI deficit " + entry.categoryOf("efi-").substring(4) + ": " + entry.display(), entry.at()));
            }
        }
        return new ComputedFrailtyIndex(names, medicines.intValue() >= polypharmacyThreshold, cited);
    }

    /** The computed eFI: deficits found divided by the 36 deficits. */
    public double score() {
        return (deficits.size() + (polypharmacy ? 1 : 0)) / (double) DEFICIT_COUNT;
    }

    /** The score rounded to two places, as GP systems show it. */
    public String display() {
        return java.math.BigDecimal.valueOf(score()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @Override
    /** The entries that made up the score, for the card. */
    public List<Evidence> evidence() {
        List<Evidence> all = new java.util.ArrayList<>();
        all.add(new Evidence("computed:efi", "eFI computed by Waymark = " + display() + " (" + (deficits.size() + (polypharmacy ? 1 : 0))
                + " of 36 deficits" + (polypharmacy ? ", including polypharmacy" : "") + "); not recorded in the last 12 months - please record it",
                java.util.Optional.empty()));
        all.addAll(evidence);
        return all;
    }
}
