package org.waymark.api.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A half-open range of instants: at or after {@code from}, before {@code to}; an absent end is open. */
public record TimeRange(Optional<Instant> from, Optional<Instant> to) {
    /** Every instant. */
    public static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
    }
}
