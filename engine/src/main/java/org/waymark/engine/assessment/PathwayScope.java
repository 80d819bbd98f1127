package org.waymark.engine.assessment;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Which care pathways an assessment includes ({@code ids} empty: all active) and how far ahead a step's deadline
 * may be for a "due" card (a day on patient-view; a week at discharge, when planning what comes next).
 */
public record PathwayScope(Set<String> ids, Duration dueWithin) {
    public static final Duration DUE_SOON = Duration.ofDays(1);
    public static final PathwayScope ALL = new PathwayScope(Set.of(), DUE_SOON);

    public PathwayScope {
        ids = Set.copyOf(ids);
        Objects.requireNonNull(dueWithin, "dueWithin");
    }

    public boolean includes(String pathwayId) {
        return ids.isEmpty() || ids.contains(pathwayId);
    }
}
