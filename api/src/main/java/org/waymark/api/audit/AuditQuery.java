package org.waymark.api.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Which audit events to list: occurred in {@code period}, of one service, with one
 * outcome (ok, 4xx, 412, error), whose reason ({@code detail}) contains {@code reason} (case-insensitive); the
 * newest {@code limit} of them.
 */
public record AuditQuery(TimeRange period, Optional<String> service, Optional<String> outcome, Optional<String> reason, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1-" + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The newest {@code limit} events, whatever they were. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(TimeRange.ALL, Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
