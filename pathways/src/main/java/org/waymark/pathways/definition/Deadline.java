package org.waymark.pathways.definition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.time.WorkingCalendar;

/**
 * When a step is due: an amount of hours, calendar days, working days (England) or months after a base,
 * which is the trigger or an earlier step ({@code from}). A working-day deadline ends at the end of the Nth
 * working day after the base date, as the care-home framework counts it.
 */
public record Deadline(Unit unit, int amount, Optional<String> from) {
    public enum Unit { HOURS, DAYS, WORKING_DAYS, MONTHS }

    public Deadline {
        Objects.requireNonNull(unit, "unit");
        if (amount <= 0) {
            throw new IllegalArgumentException("deadline amount must be positive");
        }
        from = Objects.requireNonNullElse(from, Optional.empty());
    }

    public Instant after(Instant base, WorkingCalendar calendar) {
        var local = base.atZone(EvaluationTime.ZONE);
        return switch (unit) {
            case HOURS -> base.plusSeconds(3600L * amount);
            case DAYS -> local.plusDays(amount).toInstant();
            case MONTHS -> local.plusMonths(amount).toInstant();
            case WORKING_DAYS -> {
                LocalDate last = calendar.addWorkingDays(local.toLocalDate(), amount);
                // The last moment of the Nth working day: a date-only entry on the next day is late.
                yield last.plusDays(1).atStartOfDay(EvaluationTime.ZONE).toInstant().minusMillis(1);
            }
        };
    }

    /** Human wording, e.g. "2 hours after referral". */
    public String describe(String baseTitle) {
        String u = switch (unit) {
            case HOURS -> amount == 1 ? "hour" : "hours";
            case DAYS -> amount == 1 ? "day" : "days";
            case WORKING_DAYS -> amount == 1 ? "working day" : "working days";
            case MONTHS -> amount == 1 ? "month" : "months";
        };
        return amount + " " + u + " after " + baseTitle;
    }
}
