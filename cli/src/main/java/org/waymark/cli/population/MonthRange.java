package org.waymark.cli.population;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --as-of-series 2025-12..2026-11}: the first and last month of a monthly series, both included. */
record MonthRange(YearMonth first, YearMonth last) {
    MonthRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the series " + first + ".." + last + " ends before it starts");
        }
    }

    /** Reads {@code YYYY-MM..YYYY-MM}; anything else is a usage error naming the expected form. */
    static final class Converter implements ITypeConverter<MonthRange> {
        @Override
        public MonthRange convert(String value) {
            String[] ends = value.split("\\.\\.", -1);
            if (ends.length != 2) {
                throw new TypeConversionException("'" + value + "' is not a month range such as 2025-12..2026-11");
            }
            try {
                return new MonthRange(YearMonth.parse(ends[0]), YearMonth.parse(ends[1]));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a month range such as 2025-12..2026-11 (months are YYYY-MM)");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + ": write the earlier month first, e.g. 2025-12..2026-11");
            }
        }
    }
}
