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
public interface RecordEntry {
    /** A FHIR-style reference such as {@code Condition/abc}: the provenance a card cites. */
    String reference();

    List<Coding> codes();

    /** Names of the evaluating rule set's value sets that any of {@link #codes()} belongs to. */
    Set<String> valueSets();

    /** When the entry happened (onset, effective, performed, authored); absent when undated. */
    Optional<Instant> at();

    /** The entry with its value-set memberships replaced: facts are tagged per rule set. */
    RecordEntry withValueSets(Set<String> valueSets);

    default boolean in(String valueSet) {
        return valueSets().contains(valueSet);
    }

    default boolean onOrAfter(Instant instant) {
        return at().map(a -> !a.isBefore(instant)).orElse(false);
    }

    default boolean onOrBefore(Instant instant) {
        return at().map(a -> !a.isAfter(instant)).orElse(false);
    }

    default boolean before(Instant instant) {
        return at().map(a -> a.isBefore(instant)).orElse(false);
    }

    /** An emergency attendance or admission (CR-2.4); only encounters can be one. */
    default boolean emergency() {
        return false;
    }

    default boolean dated() {
        return at().isPresent();
    }

    /** True when both entries are dated and this one is not before {@code other}. */
    default boolean onOrAfterEntry(RecordEntry other) {
        return other.at().map(this::onOrAfter).orElse(false);
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

    /** Epoch milliseconds of {@link #at()}, or {@code Long.MIN_VALUE} when undated; lets DRL order entries. */
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
        return at().map(a -> a.atZone(ENGLAND).toLocalDate().toString()).orElse(reference());
    }

    /** England's civil time, where a record's dates are local dates (CR-0). */
    java.time.ZoneId ENGLAND = java.time.ZoneId.of("Europe/London");

    /** First code's display, for evidence lines. */
    default String display() {
        return codes().stream().map(Coding::display).filter(d -> !d.isBlank()).findFirst()
                .orElse(codes().isEmpty() ? "" : codes().get(0).code());
    }

    default Evidence evidence() {
        return new Evidence(reference(), display(), at());
    }
}
