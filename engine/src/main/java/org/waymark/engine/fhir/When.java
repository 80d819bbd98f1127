package org.waymark.engine.fhir;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.waymark.engine.facts.EntryTime;

/**
 * A record's date or date-time with the precision it was given. A date (or month, or year) becomes the
 * start of that day in England, flagged date-only, so comparisons can be made by day (see {@link EntryTime}).
 * Both readers hand over the value as written, so one set of date rules applies to HAPI and streamed records.
 */
record When(Optional<Instant> at, boolean dateOnly) {
    static final When NONE = new When(Optional.empty(), false);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");
    /** FHIR date and dateTime as HAPI accepts them: year, month, day, or a time to the second with optional fraction and offset. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");

    /** A FHIR date or dateTime as written; absent or empty is undated. Throws {@link DateTimeException} when not one. */
    static When of(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException("not a FHIR date or dateTime: '" + text + "'");
        }
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)));
        if (m.group(4) == null) {
            return day(date);
        }
        String fraction = m.group(7) == null ? "0" : (m.group(7) + "00").substring(0, 3);
        LocalDateTime time = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                Integer.parseInt(fraction) * 1_000_000);
        // Without an offset HAPI reads the time in the JVM's zone; kept so both readers agree with what was stored before.
        ZoneId zone = m.group(8) == null ? ZoneId.systemDefault() : m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
        return new When(Optional.of(time.atZone(zone).toInstant()), false);
    }

    /** A full instant, such as Observation.issued: a value given to the day is the start of that day, not date-only. */
    static When instant(String text) {
        When w = of(text);
        return w.dateOnly ? new When(Optional.of(EntryTime.date(w.at.orElseThrow()).atStartOfDay(ZoneId.systemDefault()).toInstant()), false) : w;
    }

    /** Throws when {@code text} is not a FHIR date or dateTime (used by the streaming reader as it reads). */
    static void check(String text) {
        of(text);
    }

    /**
     * A date written as text (e.g. Immunization.occurrenceString): an ISO date or date-time, or a UK
     * day/month/year date; anything else is undated.
     */
    static When parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String t = text.strip();
        try {
            return of(t);
        } catch (DateTimeException notIso) {
            try {
                return day(LocalDate.parse(t, UK_DATE));
            } catch (DateTimeParseException notUk) {
                return NONE;
            }
        }
    }

    /** True when dated after {@code asOf}, compared at this value's precision. */
    boolean after(Instant asOf) {
        return at.map(a -> EntryTime.compare(a, dateOnly, asOf, false) > 0).orElse(false);
    }

    private static int number(String twoDigits) {
        return twoDigits == null ? 1 : Integer.parseInt(twoDigits);
    }

    private static When day(LocalDate date) {
        return new When(Optional.of(date.atStartOfDay(EntryTime.ZONE).toInstant()), true);
    }

    static Optional<LocalDate> localDate(String text) {
        if (text == null || text.length() < 4) {
            return Optional.empty();
        }
        String padded = text.length() == 4 ? text + "-01-01" : text.length() == 7 ? text + "-01" : text.substring(0, 10);
        return Optional.of(LocalDate.parse(padded));
    }
}
