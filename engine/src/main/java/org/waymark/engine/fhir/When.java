package org.waymark.engine.fhir;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.waymark.engine.facts.EntryTime;

/**
 * A record's date or date-time with the precision it was given. A date (or month, or year) becomes the
 * start of that day in England, flagged date-only, so comparisons can be made by day (see {@link EntryTime}).
 * Both readers hand over the value as written, so one set of date rules applies to HAPI and streamed records.
 */
record When(Optional<Instant> at, boolean dateOnly) {
    static final When NONE = new When(Optional.empty(), false);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

    /**
     * A FHIR date or dateTime as written; absent or empty is undated. Throws {@link DateTimeException} when not one.
     * Accepted as HAPI accepts them: year, month, day, or a time to the second with optional fraction and offset,
     * i.e. {@code YYYY(-MM(-DD(Thh:mm:ss(.f+)?(Z|[+-]hh:mm)?)?)?)?} with ASCII digits. Parsed by hand, not by a
     * regular expression: every date of every record passes here (the streaming reader's as it checks them).
     */
    static When of(String text) {
        return text == null || text.isEmpty() ? NONE : read(text);
    }

    /** A date element's value ({@link Sparse#date}); absent is undated. */
    static When of(Sparse.Dated date) {
        return date == null ? NONE : date.value();
    }

    /**
     * The value of {@code text}. The form is checked first, then the values in java.time's order. Read as Latin-1 bytes:
     * every check compares with an ASCII character, which a character beyond Latin-1 (read as '?') is not either, and
     * indexing bytes costs C1's code (a screening run's) a fraction of {@code charAt}.
     */
    private static When read(String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        int n = t.length;
        boolean day = n >= 10 && t[4] == '-' && t[7] == '-';
        boolean timed = n >= 19 && day && t[10] == 'T' && t[13] == ':' && t[16] == ':';
        if (!(n == 4 || n == 7 && t[4] == '-' || n == 10 && day || timed) || !digits(t, 0, 4)
                || n >= 7 && !digits(t, 5, 7) || n >= 10 && !digits(t, 8, 10)
                || timed && !(digits(t, 11, 13) && digits(t, 14, 16) && digits(t, 17, 19))) {
            throw notADate(text);
        }
        int i = 19;
        int fraction = i;
        if (timed && i < n && t[i] == '.') {
            fraction = ++i;
            while (i < n && isDigit(t[i])) {
                i++;
            }
            if (i == fraction) {
                throw notADate(text);
            }
        }
        boolean offset = timed && i < n && (t[i] == '+' || t[i] == '-');
        boolean utc = timed && i < n && t[i] == 'Z';
        if (timed && (utc ? i + 1 : offset ? i + 6 : i) != n
                || offset && !(digits(t, i + 1, i + 3) && t[i + 3] == ':' && digits(t, i + 4, i + 6))) {
            throw notADate(text);
        }
        LocalDate date = LocalDate.of(number(t, 0, 4), n >= 7 ? number(t, 5, 7) : 1, n >= 10 ? number(t, 8, 10) : 1);
        if (!timed) {
            return day(date);
        }
        // Milliseconds: the first three digits of the fraction, padded with zeros.
        int millis = 0;
        for (int k = fraction; k < fraction + 3; k++) {
            millis = millis * 10 + (k < i ? t[k] - '0' : 0);
        }
        LocalDateTime time = date.atTime(number(t, 11, 13), number(t, 14, 16), number(t, 17, 19), millis * 1_000_000);
        ZoneId zone = null;
        if (utc) {
            zone = ZoneOffset.UTC;
        } else if (offset) {
            int sign = t[i] == '-' ? -1 : 1;
            zone = ZoneOffset.ofHoursMinutes(sign * number(t, i + 1, i + 3), sign * number(t, i + 4, i + 6));
        }
        // Without an offset HAPI reads the time in the JVM's zone; kept so both readers agree with what was stored before.
        return new When(Optional.of(time.atZone(zone == null ? ZoneId.systemDefault() : zone).toInstant()), false);
    }

    private static DateTimeException notADate(String text) {
        return new DateTimeException("not a FHIR date or dateTime: '" + text + "'");
    }

    private static boolean digits(byte[] t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(t[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The number written in ASCII digits at {@code t[from, to)} (checked by {@link #digits}). */
    private static int number(byte[] t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + t[i] - '0';
        }
        return value;
    }

    /** A full instant, such as Observation.issued: a value given to the day is the start of that day, not date-only. */
    static When instant(Sparse.Dated date) {
        When w = of(date);
        return w.dateOnly ? new When(Optional.of(EntryTime.date(w.at.orElseThrow()).atStartOfDay(ZoneId.systemDefault()).toInstant()), false) : w;
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

    private static When day(LocalDate date) {
        return new When(Optional.of(EntryTime.startOfDay(date)), true);
    }

    static Optional<LocalDate> localDate(String text) {
        if (text == null || text.length() < 4) {
            return Optional.empty();
        }
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        int n = t.length;
        // The usual forms (every Patient's birthDate) read by hand: LocalDate.parse's formatter costs more than the rest of the Patient.
        if (digits(t, 0, 4) && (n == 4 || n >= 7 && t[4] == '-' && digits(t, 5, 7)
                && (n == 7 || n >= 10 && t[7] == '-' && digits(t, 8, 10)))) {
            return Optional.of(LocalDate.of(number(t, 0, 4), n >= 7 ? number(t, 5, 7) : 1, n >= 10 ? number(t, 8, 10) : 1));
        }
        String padded = text.length() == 4 ? text + "-01-01" : text.length() == 7 ? text + "-01" : text.substring(0, 10);
        return Optional.of(LocalDate.parse(padded));
    }
}
