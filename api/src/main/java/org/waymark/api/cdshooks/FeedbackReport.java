package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.waymark.api.audit.Feedback;
import org.waymark.api.audit.FeedbackStore;
import org.waymark.api.server.Json;

/**
 * The answer to a feedback call. CDS Hooks 2.0 §Feedback defines no response body, so Waymark says what it did:
 * {@code stored}, {@code alreadyRecorded} and {@code unknownCards}; when no card was known, an OperationOutcome
 * with one issue per card.
 */
final class FeedbackReport {
    private FeedbackReport() {
    }

    static ObjectNode of(FeedbackStore.Stored stored) {
        ArrayNode unknown = Json.array();
        stored.unknownCards().forEach(unknown::add);
        return Json.object().put("stored", stored.stored()).put("alreadyRecorded", stored.alreadyRecorded()).set("unknownCards", unknown);
    }

    static ObjectNode noneKnown(String service, List<Feedback> items, FeedbackStore.Stored stored) {
        ArrayNode issues = Json.array();
        for (int i = 0; i < items.size(); i++) {
            if (stored.unknownCards().contains(items.get(i).cardUuid())) {
                ObjectNode issue = Json.object().put("severity", "error").put("code", "not-found")
                        .put("diagnostics", "no card " + items.get(i).cardUuid() + " was issued to this client by service " + service);
                issue.set("expression", Json.array().add("feedback[" + i + "].card"));
                issues.add(issue);
            }
        }
        ObjectNode outcome = Json.object().put("resourceType", "OperationOutcome");
        outcome.set("issue", issues);
        return outcome;
    }
}
