package org.waymark.engine.facts;

import java.util.List;
import java.util.Objects;

/**
 * What one source says about frailty (the latest recorded eFI in its window, the computed eFI, the latest
 * CFS, the latest coded category), with the entries behind it. {@code terminallyIll} is CFS 9: an end-of-life
 * indicator, not a frailty category (CR-1.3, CR-5.1).
 */
public record FrailtyFinding(String basis, FrailtyCategory category, boolean terminallyIll, List<Evidence> evidence)
        implements Evidential {
    public FrailtyFinding {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(category, "category");
        evidence = List.copyOf(evidence);
    }

    /** An eFI (recorded or computed) against the upper bounds of the fit, mild and moderate bands. */
    static FrailtyCategory efiCategory(double score, double mildAbove, double moderateAbove, double severeAbove) {
        return score > severeAbove ? FrailtyCategory.SEVERE : score > moderateAbove ? FrailtyCategory.MODERATE
                : score > mildAbove ? FrailtyCategory.MILD : FrailtyCategory.NONE;
    }

    /** The category a recorded eFI score falls in, by the given thresholds. */
    public static FrailtyFinding recordedEfi(FrailtyScore s, double mildAbove, double moderateAbove, double severeAbove) {
        return new FrailtyFinding("recorded eFI", efiCategory(s.value(), mildAbove, moderateAbove, severeAbove), false, List.of(s.evidence()));
    }

    /** The category a computed eFI falls in, by the given thresholds. */
    public static FrailtyFinding computedEfi(ComputedFrailtyIndex c, double mildAbove, double moderateAbove, double severeAbove) {
        return new FrailtyFinding("computed eFI", efiCategory(c.score(), mildAbove, moderateAbove, severeAbove), false, c.evidence());
    }

    /** CFS 5 mild, 6 moderate, 7 and 8 severe (with the thresholds given); the terminally-ill level is no frailty category. */
    public static FrailtyFinding cfs(FrailtyScore s, int mildFrom, int moderateFrom, int severeFrom, int terminallyIll) {
        int level = s.value().intValue();
        FrailtyCategory category = level >= terminallyIll ? FrailtyCategory.NONE : level >= severeFrom ? FrailtyCategory.SEVERE
                : level >= moderateFrom ? FrailtyCategory.MODERATE : level >= mildFrom ? FrailtyCategory.MILD : FrailtyCategory.NONE;
        return new FrailtyFinding("Clinical Frailty Scale", category, level >= terminallyIll, List.of(s.evidence()));
    }

    /** A coded category finding, in value set frailty-category-mild, -moderate or -severe (CR-1.2). */
    public static FrailtyFinding coded(RecordEntry e) {
        return new FrailtyFinding("coded frailty category", FrailtyCategory.named(e.categoryOf("frailty-category-")
                .replace("frailty-category-", "")), false, List.of(e.evidence()));
    }

    /** True when this finding is {@code c} or more severe. */
    public boolean atLeast(FrailtyCategory c) {
        return category.compareTo(c) >= 0;
    }
}
