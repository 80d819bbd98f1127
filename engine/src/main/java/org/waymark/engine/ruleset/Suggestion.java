package org.waymark.engine.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A next step offered with a recommendation: a label and the FHIR actions that would carry it out. */
public record Suggestion(String label, List<Action> actions) {
    /** A CDS Hooks action: create, update or delete of a FHIR resource (the resource as JSON). */
    public record Action(String type, String description, Optional<JsonNode> resource) {
        public Action {
            Objects.requireNonNull(type, "type");
            description = Objects.requireNonNullElse(description, "");
            resource = Objects.requireNonNullElse(resource, Optional.empty());
        }
    }

    public Suggestion {
        Objects.requireNonNull(label, "label");
        actions = List.copyOf(actions);
    }
}
