package org.waymark.api.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to a service call (spec §CDS Service Response): {@code cards} is required, so it appears even when empty. */
public record CardsResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {
    public CardsResponse {
        cards = List.copyOf(cards);
    }
}
