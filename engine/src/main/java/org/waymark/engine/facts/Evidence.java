package org.waymark.engine.facts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A record entry (or a value Waymark derived) that a recommendation rests on. */
public record Evidence(String reference, String description, Optional<Instant> at) {
    public Evidence {
        Objects.requireNonNull(reference, "reference");
        description = description == null ? "" : description;
        at = at == null ? Optional.empty() : at;
    }
}
