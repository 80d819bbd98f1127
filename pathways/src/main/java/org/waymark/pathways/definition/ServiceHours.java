package org.waymark.pathways.definition;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.waymark.engine.time.EvaluationTime;

/**
 * A service's daily opening hours and how a trigger outside them is counted: {@code FROM_TRIGGER} (the clock
 * starts at the trigger, whatever the hour) or {@code FROM_NEXT_OPENING} (the clock starts when the service
 * next opens). CR-6.1 leaves this choice to the ICS.
 */
public record ServiceHours(LocalTime opens, LocalTime closes, OutOfHours outOfHours) {
    public enum OutOfHours { FROM_TRIGGER, FROM_NEXT_OPENING }

    public ServiceHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(outOfHours, "outOfHours");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("service hours must open before they close");
        }
    }

    /** When the clock starts for a trigger at {@code at}. */
    public Instant clockStart(Instant at) {
        if (outOfHours == OutOfHours.FROM_TRIGGER) {
            return at;
        }
        ZonedDateTime local = at.atZone(EvaluationTime.ZONE);
        LocalTime t = local.toLocalTime();
        if (t.isBefore(opens)) {
            return local.with(opens).toInstant();
        }
        if (!t.isBefore(closes)) {
            return local.plusDays(1).with(opens).toInstant();
        }
        return at;
    }
}
