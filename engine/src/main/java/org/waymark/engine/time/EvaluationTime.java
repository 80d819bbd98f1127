package org.waymark.engine.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The instant an evaluation is "as of", and the time arithmetic rules need around it. Rules see it as
 * the global {@code asOf}; nothing in a rule reads the system clock, so a scenario replays identically.
 * Calendar arithmetic is in England's civil time (Europe/London).
 */
public final class EvaluationTime {
    public static final ZoneId ZONE = org.waymark.engine.facts.EntryTime.ZONE;

    private final Instant instant;
    private final ZonedDateTime local;
    private final WorkingCalendar calendar;

    public EvaluationTime(Instant instant, WorkingCalendar calendar) {
        this.instant = Objects.requireNonNull(instant, "instant");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.local = instant.atZone(ZONE);
    }

    /** The evaluation time at {@code instant} with England's working calendar. */
    public static EvaluationTime of(Instant instant) {
        return new EvaluationTime(instant, WorkingCalendar.england());
    }

    /** The as-of instant itself: nothing dated after it counts. */
    public Instant instant() {
        return instant;
    }

    /** The as-of date in England (Europe/London). */
    public LocalDate date() {
        return local.toLocalDate();
    }

    /** The instant {@code months} calendar months before the as-of instant, in England's civil time: {@code onOrAfter(asOf.monthsAgo(12))} is "in the last 12 months". */
    public Instant monthsAgo(int months) {
        return local.minusMonths(months).toInstant();
    }

    /** The instant {@code days} days before the as-of instant, in England's civil time. */
    public Instant daysAgo(int days) {
        return local.minusDays(days).toInstant();
    }

    /** Start of the day {@code days} working days before today: entries on or after it are within the window. */
    public Instant workingDaysAgo(int days) {
        return calendar.subtractWorkingDays(date(), days).atStartOfDay(ZONE).toInstant();
    }

    /** Working days from the date of {@code since} to today (0 on the same day). */
    public int workingDaysSince(Instant since) {
        return calendar.workingDaysBetween(since.atZone(ZONE).toLocalDate(), date());
    }

    /** Working days from a dated entry's date to today; -1 for an undated entry so windows never match it. */
    public int workingDaysSince(org.waymark.engine.facts.RecordEntry entry) {
        return entry.at().map(this::workingDaysSince).orElse(-1);
    }

    /** Month of the as-of date, 1 to 12, for seasonal rules such as flu vaccination. */
    public int month() {
        return local.getMonthValue();
    }

    /** True when the as-of month lies in {@code from}..{@code to} inclusive, wrapping over the new year (e.g. 9..3). */
    public boolean monthWithin(int from, int to) {
        int m = month();
        return from <= to ? m >= from && m <= to : m >= from || m <= to;
    }

    /** Start of the flu season (1 September) that the as-of date falls in or after. */
    public Instant fluSeasonStart() {
        int year = local.getMonthValue() >= 9 ? local.getYear() : local.getYear() - 1;
        return LocalDate.of(year, 9, 1).atStartOfDay(ZONE).toInstant();
    }

    /** The working-day calendar (weekends and England's bank holidays) the working-day helpers use. */
    public WorkingCalendar calendar() {
        return calendar;
    }

    @Override
    public String toString() {
        return instant.toString();
    }
}
