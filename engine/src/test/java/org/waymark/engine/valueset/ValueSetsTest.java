package org.waymark.engine.valueset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.Coding;

/**
 * Memberships are found by system and code together; several codes give every value set any of them is in; a record's
 * codes looked up once ({@link RecordCodes}) give every rule set's value sets the memberships its codings give.
 */
class ValueSetsTest {
    private static final Coding DEMENTIA = Coding.snomed("52448006", "Dementia");
    private static final Coding FALL = Coding.snomed("161898004", "Falls");
    private final ValueSets sets = new ValueSets(List.of(
            new ValueSet("dementia", null, List.of(DEMENTIA)),
            new ValueSet("efi-cognitive", null, List.of(DEMENTIA)),
            new ValueSet("falls", null, List.of(FALL, new Coding("http://read.info/ctv3", "52448006", "")))));

    @Test
    void membershipsAreTheValueSetsOfAnyCode() {
        assertEquals(Set.of("dementia", "efi-cognitive"), sets.membershipsOf(List.of(DEMENTIA)));
        assertEquals(Set.of("dementia", "efi-cognitive", "falls"), sets.membershipsOf(List.of(DEMENTIA, FALL, DEMENTIA)));
        assertEquals(Set.of("falls"), sets.membershipsOf(List.of(Coding.snomed("1", ""), FALL)));
        assertEquals(Set.of(), sets.membershipsOf(List.of()));
    }

    @Test
    void theSameCodeInAnotherSystemIsAnotherCode() {
        assertEquals(Set.of("falls"), sets.membershipsOf(List.of(new Coding("http://read.info/ctv3", "52448006", "x"))));
        assertEquals(Set.of(), sets.membershipsOf(List.of(new Coding("http://example.org", "52448006", ""))));
    }

    @Test
    void aRecordsCodesLookedUpOnceGiveEachValueSetsTheSameMemberships() {
        ValueSets other = new ValueSets(List.of(new ValueSet("falls-other", null, List.of(FALL)),
                new ValueSet("local", null, List.of(new Coding("https://waymark.example/local", "ucr-referral", "")))));
        List<List<Coding>> entries = List.of(List.of(DEMENTIA), List.of(FALL, Coding.snomed("999999999", "")), List.of(),
                List.of(new Coding("http://read.info/ctv3", "52448006", "x"), new Coding("https://waymark.example/local", "ucr-referral", "")),
                List.of(new Coding("http://example.org", "52448006", "")));
        for (List<Coding> codes : entries) {
            int[] numbers = RecordCodes.numbers(codes);
            assertEquals(sets.membershipsOf(codes), sets.membershipsOf(numbers), codes.toString());
            assertEquals(other.membershipsOf(codes), other.membershipsOf(numbers), codes.toString());
        }
        assertEquals(Set.of("falls", "falls-other"), union(sets.membershipsOf(RecordCodes.numbers(entries.get(1))),
                other.membershipsOf(RecordCodes.numbers(entries.get(1)))));
        assertEquals(Set.of("local", "falls"), union(sets.membershipsOf(RecordCodes.numbers(entries.get(3))),
                other.membershipsOf(RecordCodes.numbers(entries.get(3)))));
        // A code no value set lists has no number, so it costs no search and is in none.
        assertEquals(0, RecordCodes.numbers(List.of(Coding.snomed("999999999", ""), new Coding("http://example.org", "52448006", ""))).length);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
