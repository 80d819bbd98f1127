package org.waymark.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.http.ApiException;

/**
 * The answer to a feedback call. CDS Hooks 2.0 §Feedback defines no response body, so Waymark says what it did:
 * {@code stored}, {@code alreadyRecorded} and {@code unknownCards} (always present); when no card was known, a 404
 * with one issue per card.
 */
record FeedbackReport(int stored, int alreadyRecorded, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> unknownCards) {
    FeedbackReport {
        unknownCards = List.copyOf(unknownCards);
    }

    static FeedbackReport of(FeedbackStore.Stored stored) {
        return new FeedbackReport(stored.stored(), stored.alreadyRecorded(), stored.unknownCards());
    }

    static ApiException noneKnown(String service, List<Feedback> items, FeedbackStore.Stored stored) {
        List<ApiException.Issue> issues = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (stored.unknownCards().contains(items.get(i).cardUuid())) {
                issues.add(new ApiException.Issue("no card " + items.get(i).cardUuid() + " was issued to this client by service " + service,
                        Optional.of("feedback[" + i + "].card")));
            }
        }
        return new ApiException(404, issues);
    }
}
