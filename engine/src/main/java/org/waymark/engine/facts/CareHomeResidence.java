package org.waymark.engine.facts;

import java.util.Objects;

/** The person lives in a care home now (rules/shared/residence): {@code admission} is the latest care-home entry (CR-3, CR-0). */
public record CareHomeResidence(RecordEntry admission) {
    public CareHomeResidence {
        Objects.requireNonNull(admission, "admission");
    }
}
