package org.waymark.engine.valueset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.Coding;

/** Memberships are found by system and code together; several codes give every value set any of them is in. */
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
}
