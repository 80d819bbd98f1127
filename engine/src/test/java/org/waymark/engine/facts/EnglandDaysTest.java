package org.waymark.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneOffsetTransition;
import org.junit.jupiter.api.Test;

class EnglandDaysTest {
    private static final LocalDate FIRST = LocalDate.of(1830, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2100, 12, 31);

    @Test
    void everyDayStartsWhereJavaTimeSaysTwiceOver() {
        // Twice: the second pass reads the remembered days (and days sharing a slot replace each other).
        for (int pass = 0; pass < 2; pass++) {
            for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                assertEquals(d.atStartOfDay(EntryTime.ZONE).toInstant(), EntryTime.startOfDay(d), d::toString);
            }
        }
    }

    @Test
    void theFirstAndLastDaysJavaTimeKnowsStartWhereItSays() {
        for (int pass = 0; pass < 2; pass++) {
            for (LocalDate d : new LocalDate[] {LocalDate.MIN, LocalDate.MIN.plusDays(1), LocalDate.ofEpochDay(-1), LocalDate.ofEpochDay(0),
                    LocalDate.MAX.minusDays(1), LocalDate.MAX}) {
                assertEquals(d.atStartOfDay(EntryTime.ZONE).toInstant(), EntryTime.startOfDay(d), d::toString);
            }
        }
    }

    @Test
    void instantsFallOnJavaTimesDayThroughoutTheDay() {
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            long midnightUtc = d.toEpochDay() * 86_400;
            for (long s : new long[] {0, 1, 3_599, 3_600, 43_200, 82_799, 82_800, 86_399}) {
                Instant at = Instant.ofEpochSecond(midnightUtc + s, 999_999_999);
                assertEquals(LocalDate.ofInstant(at, EntryTime.ZONE), EntryTime.date(at), at::toString);
            }
        }
    }

    @Test
    void aroundEveryClockChangeTheDayIsJavaTimes() {
        Instant from = FIRST.atStartOfDay(EntryTime.ZONE).toInstant();
        Instant to = LAST.atStartOfDay(EntryTime.ZONE).toInstant();
        for (ZoneOffsetTransition t = EntryTime.ZONE.getRules().nextTransition(from); t != null && t.getInstant().isBefore(to);
             t = EntryTime.ZONE.getRules().nextTransition(t.getInstant())) {
            for (long s = -3; s <= 3; s++) {
                Instant at = t.getInstant().plusSeconds(s);
                assertEquals(LocalDate.ofInstant(at, EntryTime.ZONE), EntryTime.date(at), at::toString);
                assertEquals(LocalDate.ofInstant(at.minusNanos(1), EntryTime.ZONE), EntryTime.date(at.minusNanos(1)), at::toString);
            }
            LocalDate day = t.getDateTimeBefore().toLocalDate();
            assertEquals(day.atStartOfDay(EntryTime.ZONE).toInstant(), EntryTime.startOfDay(day), day::toString);
        }
    }
}
