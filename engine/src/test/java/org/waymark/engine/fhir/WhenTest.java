package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The FHIR date and dateTime forms the readers accept (parsed by hand), and the ones they refuse. */
class WhenTest {
    @ParameterizedTest
    @CsvSource({
        "2026, 2026-01-01T00:00:00Z, true",
        "2026-07, 2026-06-30T23:00:00Z, true",
        "2024-02-29, 2024-02-29T00:00:00Z, true",
        "2026-07-01T23:30:00Z, 2026-07-01T23:30:00Z, false",
        "2026-07-01T23:30:00+01:00, 2026-07-01T22:30:00Z, false",
        "2026-03-29T01:30:00-05:30, 2026-03-29T07:00:00Z, false",
        "2026-11-20T10:00:00.5Z, 2026-11-20T10:00:00.500Z, false",
        "2026-11-20T10:00:00.123456-00:00, 2026-11-20T10:00:00.123Z, false"})
    void acceptsEachPrecision(String text, String instant, boolean dateOnly) {
        assertEquals(new When(Optional.of(Instant.parse(instant)), dateOnly), When.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"26", "2026-7", "2026-07-1", "2026-07-01T", "2026-07-01T10:00", "2026-07-01 10:00:00",
            "2026-07-01T10:00:00.", "2026-07-01T10:00:00z", "2026-07-01T10:00:00+0100", "2026-07-01T10:00:00+01:00x",
            "٢٠٢٦", "+2026", "2026-02-29", "2026-13", "2026-00-10", "2026-07-01T24:00:00Z", "2026-07-01T10:60:00Z",
            "2026-07-01T10:00:00+18:30", "2026-07-01T10:00:00-05:60"})
    void refusesWhatIsNotOne(String text) {
        assertThrows(DateTimeException.class, () -> When.of(text));
    }

    /** A birth date in each form a checked value can take: read by hand, the same day LocalDate.parse gave. */
    @ParameterizedTest
    @CsvSource({"1940, 1940-01-01", "1940-07, 1940-07-01", "1940-07-15, 1940-07-15", "2024-02-29, 2024-02-29",
        "1940-07-15T10:00:00+01:00, 1940-07-15", "1940-07-15T23:30:00Z, 1940-07-15"})
    void readsALocalDateFromEachForm(String text, String day) {
        assertEquals(Optional.of(LocalDate.parse(day)), When.localDate(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29", "2026-13", "٢٠٢٦-01-01"})
    void refusesALocalDateThatIsNotADay(String text) {
        assertThrows(DateTimeException.class, () -> When.localDate(text));
    }
}
