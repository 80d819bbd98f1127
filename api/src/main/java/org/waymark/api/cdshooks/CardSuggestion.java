package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** A suggestion on a card (spec §Suggestion): a label and the actions it would take. */
public record CardSuggestion(String label, String uuid, List<Action> actions) {
    /** One action (spec §Action): create, update or delete, optionally with the FHIR resource. */
    public record Action(String type, String description, JsonNode resource) {
        public Action {
            Objects.requireNonNull(type, "type");
        }
    }

    public CardSuggestion {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(uuid, "uuid");
        actions = List.copyOf(actions);
    }
}
