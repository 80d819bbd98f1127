package org.waymark.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** England working days: weekends and the bank holidays of the bundled calendar do not count (CR-0). */
class WorkingCalendarTest {
    private final WorkingCalendar england = WorkingCalendar.england();

    @Test
    void weekdaysWorkWeekendsAndBankHolidaysDoNot() {
        assertTrue(england.isWorkingDay(LocalDate.of(2026, 11, 13)));   // Friday
        assertFalse(england.isWorkingDay(LocalDate.of(2026, 11, 14)));  // Saturday
        assertFalse(england.isWorkingDay(LocalDate.of(2026, 11, 15)));  // Sunday
        assertFalse(england.isWorkingDay(LocalDate.of(2026, 12, 25)));  // Christmas Day, a Friday
        assertFalse(england.isWorkingDay(LocalDate.of(2026, 12, 28)));  // Boxing Day substitute, a Monday
        assertTrue(england.isWorkingDay(LocalDate.of(2026, 12, 29)));
    }

    @Test
    void addingSkipsWeekendsAndDoesNotCountTheStart() {
        assertEquals(LocalDate.of(2026, 11, 24), england.addWorkingDays(LocalDate.of(2026, 11, 13), 7));
        assertEquals(LocalDate.of(2026, 11, 16), england.addWorkingDays(LocalDate.of(2026, 11, 13), 1));
        assertEquals(LocalDate.of(2026, 11, 13), england.addWorkingDays(LocalDate.of(2026, 11, 13), 0));
        // From a Saturday the first working day is Monday.
        assertEquals(LocalDate.of(2026, 11, 16), england.addWorkingDays(LocalDate.of(2026, 11, 14), 1));
    }

    @Test
    void addingSkipsBankHolidays() {
        // Wed 23 Dec + 2: Thu 24, then Christmas, the weekend and the Boxing Day substitute are skipped.
        assertEquals(LocalDate.of(2026, 12, 29), england.addWorkingDays(LocalDate.of(2026, 12, 23), 2));
        assertEquals(LocalDate.of(2026, 12, 24), england.addWorkingDays(LocalDate.of(2026, 12, 23), 1));
    }

    @Test
    void subtractingIsTheInverseOfAddingFromAWorkingDay() {
        assertEquals(LocalDate.of(2026, 12, 23), england.subtractWorkingDays(LocalDate.of(2026, 12, 29), 2));
        assertEquals(LocalDate.of(2026, 11, 13), england.subtractWorkingDays(LocalDate.of(2026, 11, 24), 7));
        assertEquals(LocalDate.of(2026, 11, 24), england.subtractWorkingDays(LocalDate.of(2026, 11, 24), 0));
    }

    @Test
    void countingIncludesTheEndNotTheStart() {
        assertEquals(7, england.workingDaysBetween(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 24)));
        assertEquals(6, england.workingDaysBetween(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 23)));
        assertEquals(1, england.workingDaysBetween(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 16)));
        assertEquals(0, england.workingDaysBetween(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 15)));
        assertEquals(1, england.workingDaysBetween(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 29)));
    }

    @Test
    void anEndNotAfterTheStartCountsNothing() {
        assertEquals(0, england.workingDaysBetween(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24)));
        assertEquals(0, england.workingDaysBetween(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 13)));
    }

    @Test
    void negativeDayCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> england.addWorkingDays(LocalDate.of(2026, 11, 13), -1));
        assertThrows(IllegalArgumentException.class, () -> england.subtractWorkingDays(LocalDate.of(2026, 11, 13), -1));
    }

    @Test
    void theHolidaysAreTheCalendarsData() {
        WorkingCalendar noHolidays = new WorkingCalendar(Set.of());
        assertTrue(noHolidays.isWorkingDay(LocalDate.of(2026, 12, 25)));
        assertEquals(LocalDate.of(2026, 12, 25), noHolidays.addWorkingDays(LocalDate.of(2026, 12, 24), 1));
        WorkingCalendar oneHoliday = new WorkingCalendar(Set.of(LocalDate.of(2026, 11, 16)));
        assertEquals(LocalDate.of(2026, 11, 17), oneHoliday.addWorkingDays(LocalDate.of(2026, 11, 13), 1));
    }
}
