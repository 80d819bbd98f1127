package org.waymark.engine.facts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatePrecisionTest {
    private static CarePlan planOn(String date) {
        Instant start = LocalDate.parse(date).atStartOfDay(EntryTime.ZONE).toInstant();
        return new CarePlan("CarePlan/c", null, null, Optional.of(start), true, "active");
    }

    private static Flag flagAt(String instant) {
        return new Flag("Flag/f", null, null, Optional.of(Instant.parse(instant)), false);
    }

    @Test
    void dateOnlyCarePlanOnTheAdmissionDayIsNotBeforeIt() {
        Flag admission = flagAt("2026-03-02T14:00:00Z");
        assertTrue(planOn("2026-03-02").onOrAfterEntry(admission));
        assertFalse(planOn("2026-03-02").afterEntry(admission), "same day is not strictly after");
        assertFalse(planOn("2026-03-01").onOrAfterEntry(admission));
        assertTrue(planOn("2026-03-03").afterEntry(admission));
    }

    @Test
    void twoTimedEntriesCompareAsInstants() {
        Flag admission = flagAt("2026-03-02T14:00:00Z");
        assertFalse(flagAt("2026-03-02T13:59:00Z").onOrAfterEntry(admission));
        assertTrue(flagAt("2026-03-02T14:00:00Z").onOrAfterEntry(admission));
        assertFalse(flagAt("2026-03-02T14:00:00Z").afterEntry(admission));
    }

    @Test
    void dayIsEnglandsCalendarDay() {
        // 23:30 UTC on 1 July is 00:30 on 2 July in England (BST): the same day as a plan dated 2 July.
        Flag lateEvening = flagAt("2026-07-01T23:30:00Z");
        assertTrue(planOn("2026-07-02").onOrAfterEntry(lateEvening));
        assertFalse(planOn("2026-07-02").afterEntry(lateEvening));
        assertTrue(lateEvening.onOrAfterEntry(planOn("2026-07-02")));
    }

    @Test
    void windowBoundaryIsComparedByDayForDateOnlyEntries() {
        Instant boundary = Instant.parse("2025-11-20T12:00:00Z");
        assertTrue(planOn("2025-11-20").onOrAfter(boundary), "dated on the boundary day: inside the window");
        assertFalse(planOn("2025-11-19").onOrAfter(boundary));
        assertTrue(planOn("2025-11-20").onOrBefore(boundary));
        assertFalse(planOn("2025-11-20").before(boundary));
        assertTrue(planOn("2025-11-19").before(boundary));
        assertFalse(flagAt("2025-11-20T11:59:00Z").onOrAfter(boundary), "timed entries keep their time");
        assertTrue(flagAt("2025-11-20T11:59:00Z").before(boundary));
    }

    @Test
    void undatedEntriesNeverMatchComparisons() {
        Flag undated = new Flag("Flag/u", null, null, Optional.empty(), false);
        assertFalse(undated.onOrAfter(Instant.EPOCH));
        assertFalse(undated.onOrBefore(Instant.MAX));
        assertFalse(undated.onOrAfterEntry(planOn("2026-01-01")));
        assertFalse(planOn("2026-01-01").onOrAfterEntry(undated));
    }
}
