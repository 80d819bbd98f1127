package org.waymark.cli.options;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.waymark.engine.time.EvaluationTime;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An instant ({@code 2026-11-24T09:00:00Z}) or a date ({@code 2026-11-24}: the start of that day in England), as
 * scenarios accept both.
 */
public final class InstantOrDate implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(EvaluationTime.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is neither an instant (2026-11-24T09:00:00Z) nor a date (2026-11-24)");
        }
    }
}
