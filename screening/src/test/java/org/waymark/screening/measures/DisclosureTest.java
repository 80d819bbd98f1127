package org.waymark.screening.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NHS statistical disclosure control on each side of its boundaries, and exact figures only when it is turned off. */
class DisclosureTest {
    private static final Disclosure SDC = Disclosure.NHS_SDC;

    @Test
    void countsOfOneToSevenAreSuppressedAndZeroAndEightAreNot() {
        assertEquals("0", SDC.count(0).text());
        assertEquals(0.0, SDC.count(0).value().getAsDouble());
        assertEquals("*", SDC.count(1).text());
        assertTrue(SDC.count(1).value().isEmpty(), "a suppressed count has no value for a chart to draw");
        assertEquals("*", SDC.count(7).text());
        assertEquals("10", SDC.count(8).text());
    }

    @Test
    void otherCountsAreRoundedToTheNearestFive() {
        assertEquals("10", SDC.count(12).text());
        assertEquals("15", SDC.count(13).text());
        assertEquals("15", SDC.count(15).text());
        assertEquals("1235", SDC.count(1234).text());
        assertEquals(1235.0, SDC.count(1234).value().getAsDouble());
    }

    @Test
    void ratesComeFromUnroundedCountsAndAreWithheldWhereACountOrDenominatorIsSmall() {
        assertEquals("300.0", SDC.ratePerThousand(12, 40).text(), "12 of 40, not the rounded 10 of 40");
        assertEquals("*", SDC.ratePerThousand(7, 1000).text());
        assertEquals("8.0", SDC.ratePerThousand(8, 1000).text());
        assertEquals("*", SDC.ratePerThousand(0, 7).text(), "a denominator of 1 to 7 suppresses");
        assertEquals("0.0", SDC.ratePerThousand(0, 8).text());
        assertEquals("", SDC.ratePerThousand(0, 0).text(), "a rate over nobody does not apply");
        assertEquals("71.4", SDC.percent(15, 21).text());
        assertEquals("*", SDC.percent(5, 21).text());
    }

    @Test
    void durationsAreInHoursAndWithheldOverOneToSevenTimes() {
        assertEquals("1.5", SDC.hours(Optional.of(Duration.ofMinutes(90)), 8).text());
        assertEquals("*", SDC.hours(Optional.of(Duration.ofMinutes(90)), 7).text());
        assertEquals("", SDC.hours(Optional.empty(), 0).text());
    }

    @Test
    void withoutSuppressionEveryFigureIsExactAndMarkedUnsuppressed() {
        Disclosure none = Disclosure.NONE;
        assertEquals("1", none.count(1).text());
        assertEquals("7", none.count(7).text());
        assertEquals("13", none.count(13).text());
        assertEquals("250.0", none.ratePerThousand(1, 4).text());
        assertEquals("1.5", none.hours(Optional.of(Duration.ofMinutes(90)), 1).text());
        assertEquals("UNSUPPRESSED", none.marker());
        assertEquals("suppressed", SDC.marker());
        assertThrows(IllegalArgumentException.class, () -> SDC.count(-1));
    }
}
