package org.waymark.engine.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Precision-aware comparison of entry times. A record may give a date only ("2026-03-02") or a date and
 * time; a date-only value is held as the start of that day in England, flagged {@code dateOnly}. Two
 * times are compared at the coarser precision of the two, on England's calendar: a care plan dated
 * 2026-03-02 is neither before nor after an admission at 2026-03-02T14:00Z, it is the same day.
 */
public final class EntryTime {
    /** England's civil time zone; {@code EvaluationTime.ZONE} is this zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private EntryTime() {
    }

    /**
     * Negative, zero or positive as {@code a} is before, at the same time as (the same day, when either is
     * date-only) or after {@code b}.
     */
    public static int compare(Instant a, boolean aDateOnly, Instant b, boolean bDateOnly) {
        if (aDateOnly || bDateOnly) {
            return date(a).compareTo(date(b));
        }
        return a.compareTo(b);
    }

    /** The day in England that {@code instant} falls on. */
    public static LocalDate date(Instant instant) {
        return EnglandDays.dateOf(instant);
    }

    /** The instant {@code date} starts in England. */
    public static Instant startOfDay(LocalDate date) {
        return EnglandDays.startOfDay(date);
    }
}
