package org.waymark.screening.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgeBandTest {
    @Test
    void eachBandStartsWhereTheLastEnds() {
        assertEquals("0-17", AgeBand.of(0));
        assertEquals("0-17", AgeBand.of(17));
        assertEquals("18-64", AgeBand.of(18));
        assertEquals("18-64", AgeBand.of(64));
        assertEquals("65-74", AgeBand.of(65));
        assertEquals("65-74", AgeBand.of(74));
        assertEquals("75-84", AgeBand.of(75));
        assertEquals("75-84", AgeBand.of(84));
        assertEquals("85+", AgeBand.of(85));
        assertEquals("85+", AgeBand.of(104));
        assertEquals("unknown", AgeBand.of(null));
    }
}
