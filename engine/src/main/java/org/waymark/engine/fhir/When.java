package org.waymark.engine.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.waymark.engine.facts.EntryTime;

/**
 * A record's date or date-time with the precision it was given. A date (or month, or year) becomes the
 * start of that day in England, flagged date-only, so comparisons can be made by day (see {@link EntryTime}).
 */
record When(Optional<Instant> at, boolean dateOnly) {
    static final When NONE = new When(Optional.empty(), false);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

    static When of(BaseDateTimeType value) {
        if (value == null || !value.hasValue()) {
            return NONE;
        }
        if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            return localDate(value.getValueAsString()).map(When::day).orElse(NONE);
        }
        return new When(Optional.of(value.getValue().toInstant()), false);
    }

    /** A full instant, such as Observation.issued. */
    static When of(java.util.Date instant) {
        return instant == null ? NONE : new When(Optional.of(instant.toInstant()), false);
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
            return of(new DateTimeType(t));
        } catch (RuntimeException notIso) {
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
