package org.waymark.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One feedback item (CDS Hooks §Feedback): what the user did with a card. */
public record Feedback(String cardUuid, String outcome, List<String> acceptedSuggestions, Optional<String> overrideReasonCode,
                       Optional<String> overrideReasonSystem, Optional<String> overrideComment, Instant outcomeAt) {
    public Feedback {
        Objects.requireNonNull(cardUuid, "cardUuid");
        Objects.requireNonNull(outcome, "outcome");
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
        Objects.requireNonNull(outcomeAt, "outcomeAt");
    }
}
