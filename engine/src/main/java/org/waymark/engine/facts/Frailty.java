package org.waymark.engine.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one frailty classification of a patient, derived by the shared frailty definition
 * (rules/shared/frailty) and decided on by every rule set: the highest category any source gives
 * (recorded eFI, computed eFI, CFS, coded category), the findings behind it, and the eFI and CFS entries
 * ignored as implausible (reported in the evidence so the record can be corrected).
 */
public record Frailty(FrailtyCategory category, List<FrailtyFinding> findings, List<FrailtyScore> ignored) implements Evidential {
    public Frailty {
        Objects.requireNonNull(category, "category");
        findings = List.copyOf(findings);
        ignored = List.copyOf(ignored);
    }

    /** Classifies from every finding and every implausible score (DRL hands over untyped lists). */
    public static Frailty of(Collection<?> findings, Collection<?> ignored) {
        List<FrailtyFinding> f = findings.stream().map(FrailtyFinding.class::cast).toList();
        List<FrailtyScore> i = ignored.stream().map(FrailtyScore.class::cast)
                .sorted(Comparator.comparingLong(FrailtyScore::time)).toList();
        FrailtyCategory top = f.stream().map(FrailtyFinding::category).max(Comparator.naturalOrder()).orElse(FrailtyCategory.NONE);
        return new Frailty(top, f, i);
    }

    /** True when the classification is moderate or severe frailty. */
    public boolean moderateOrSevere() {
        return category.compareTo(FrailtyCategory.MODERATE) >= 0;
    }

    /** True when the classification is severe frailty. */
    public boolean severe() {
        return category == FrailtyCategory.SEVERE;
    }

    /** The latest CFS is 9, terminally ill. */
    public boolean terminallyIll() {
        return findings.stream().anyMatch(FrailtyFinding::terminallyIll);
    }

    /** Which sources give the category, e.g. "recorded eFI, Clinical Frailty Scale". */
    public String basis() {
        return String.join(", ", findings.stream().filter(x -> x.category() == category).map(FrailtyFinding::basis).toList());
    }

    /** The findings that give the category, then the ignored entries. */
    @Override
    /** The findings the classification rests on, for the card. */
    public List<Evidence> evidence() {
        List<Evidence> all = new ArrayList<>();
        findings.stream().filter(x -> x.category() == category).forEach(x -> all.addAll(x.evidence()));
        ignored.forEach(s -> all.add(s.evidence()));
        return all;
    }

    /** The CFS 9 finding's evidence, for the end-of-life card, then the ignored entries. */
    public List<Evidence> terminalEvidence() {
        List<Evidence> all = new ArrayList<>();
        findings.stream().filter(FrailtyFinding::terminallyIll).forEach(x -> all.addAll(x.evidence()));
        ignored.forEach(s -> all.add(s.evidence()));
        return all;
    }
}
