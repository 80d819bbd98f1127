package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A dated, coded entry of a patient's record that rules match on.
 *
 * <p>CR-0: a coded finding may arrive as a Condition or an Observation, so rules that only care about
 * the code match {@code RecordEntry( in("dementia") )} and see both. Entries that do not count
 * (refuted, entered in error, not completed, inactive) never become facts, so rules need not re-check
 * statuses.
 */
public sealed interface RecordEntry permits CarePlan, Condition, Encounter, Flag, Immunization, Medication, Observation, Procedure, Referral {
    /** A FHIR-style reference such as {@code Condition/abc}: the provenance a card cites. */
    String reference();

    /** The entry's codes (SNOMED CT, dm+d, ...), as the record gave them; a coded value's codes are included. */
    List<Coding> codes();

    /** Names of the evaluating rule set's value sets that any of {@link #codes()} belongs to. */
    Set<String> valueSets();

    /**
     * When the entry happened (onset, effective, performed, authored); absent when undated. A date-only
     * value is the start of that day in England, with {@link #dateOnly()} true.
     */
    Optional<Instant> at();

    /**
     * True when the record gave {@link #at()} as a date without a time (or coarser: a month or year is
     * held as its first day). Comparisons then happen on England's calendar day, see {@link EntryTime}.
     */
    boolean dateOnly();

    /** The entry with its value-set memberships replaced: facts are tagged per rule set. */
    default RecordEntry withValueSets(Set<String> valueSets) {
        return ValueSetTagging.tagged(this, valueSets);
    }

    /** True when one of the entry's codes is in the rule set's value set {@code valueSet} ({@code valuesets/<name>.csv}). */
    default boolean in(String valueSet) {
        return valueSets().contains(valueSet);
    }

    /**
     * True when dated and not before {@code instant} (a window boundary such as {@code asOf.monthsAgo(12)}).
     * A date-only entry is compared by day: one dated on the boundary's day is within the window.
     */
    default boolean onOrAfter(Instant instant) {
        return at().map(a -> EntryTime.compare(a, dateOnly(), instant, false) >= 0).orElse(false);
    }

    /** True when dated and not after {@code instant}; a date-only entry on that day is on or before it. */
    default boolean onOrBefore(Instant instant) {
        return at().map(a -> EntryTime.compare(a, dateOnly(), instant, false) <= 0).orElse(false);
    }

    /** True when dated and before {@code instant}; a date-only entry must be on an earlier day. */
    default boolean before(Instant instant) {
        return at().map(a -> EntryTime.compare(a, dateOnly(), instant, false) < 0).orElse(false);
    }

    /** An emergency attendance or admission (CR-2.4); only encounters can be one. */
    default boolean emergency() {
        return false;
    }

    /** True when the entry has a date. */
    default boolean dated() {
        return at().isPresent();
    }

    /**
     * True when both entries are dated and this one is not before {@code other}, compared at the coarser
     * precision of the two: a care plan dated 2026-03-02 is on or after an admission at 2026-03-02T14:00Z.
     */
    default boolean onOrAfterEntry(RecordEntry other) {
        return compareAt(other).map(c -> c >= 0).orElse(false);
    }

    /**
     * True when both entries are dated and this one is strictly after {@code other} at the coarser precision
     * of the two: a date-only entry on the same day as a timed one is not after it.
     */
    default boolean afterEntry(RecordEntry other) {
        return compareAt(other).map(c -> c > 0).orElse(false);
    }

    private Optional<Integer> compareAt(RecordEntry other) {
        if (at().isEmpty() || other.at().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EntryTime.compare(at().get(), dateOnly(), other.at().get(), other.dateOnly()));
    }

    /**
     * The first (alphabetically) of this entry's value sets whose name starts with {@code prefix}, or "" when
     * none: lets DRL count distinct categories, e.g. long-term conditions named {@code ltc-*}.
     */
    default String categoryOf(String prefix) {
        String found = "";
        for (String vs : valueSets()) {
            if (vs.startsWith(prefix) && (found.isEmpty() || vs.compareTo(found) < 0)) {
                found = vs;
            }
        }
        return found;
    }

    /**
     * Epoch milliseconds of {@link #at()}, or {@code Long.MIN_VALUE} when undated; lets DRL order entries
     * (e.g. "no later residence entry"). A date-only entry sorts at the start of its day, so on the same day
     * it sorts before a timed one; where the same day must count as "not later", use {@link #afterEntry}.
     */
    default long time() {
        return at().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
    }

    /**
     * Which event this entry records, for rules that count events rather than rows: the local date in
     * England, or the reference when undated. A rule counts distinct keys over one kind of entry (its
     * pattern, e.g. emergency attendances and admissions), so the same visit sent twice - an Encounter and a
     * duplicate, or two encounters that day of the same or another emergency class or type - counts once.
     */
    default String eventKey() {
        return at().map(a -> EntryTime.date(a).toString()).orElse(reference());
    }

    /** First code's display, for evidence lines. */
    default String display() {
        return codes().stream().map(Coding::display).filter(d -> !d.isBlank()).findFirst()
                .orElse(codes().isEmpty() ? "" : codes().get(0).code());
    }

    /** The entry as a card cites it: reference, display and date. */
    default Evidence evidence() {
        return new Evidence(reference(), display(), at());
    }
}
