package org.waymark.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Json;
import org.waymark.api.http.StoredFields;

/**
 * Checks a feedback body against CDS Hooks 2.0 §Feedback, naming the field at fault:
 * {@code card}, {@code outcome} (accepted or overridden) and {@code outcomeTimestamp} are required;
 * an accepted outcome requires {@code acceptedSuggestions} (cds-fb-1); {@code acceptedSuggestions} only
 * with accepted (cds-fb-2); {@code overrideReason} only with overridden (cds-fb-3).
 */
public final class FeedbackParser {
    // The widths of card_feedback's columns (V2 migration): longer values are refused here, not cut or failed in the store.
    private static final int CARD = 36;
    private static final int SUGGESTIONS = 2000;
    private static final int REASON_CODE = 200;
    private static final int REASON_SYSTEM = 300;
    private static final int COMMENT = 2000;

    private FeedbackParser() {
    }

    public static List<Feedback> parse(String body) {
        JsonNode root = Json.readRequest(body);
        if (!root.path("feedback").isArray() || root.path("feedback").isEmpty()) {
            throw ApiException.badRequest("'feedback' is required: a non-empty array", "feedback");
        }
        List<Feedback> out = new ArrayList<>();
        for (int i = 0; i < root.get("feedback").size(); i++) {
            JsonNode f = root.get("feedback").get(i);
            String at = "feedback[" + i + "].";
            String card = StoredFields.check(text(f, "card", at), at + "card", CARD);
            String outcome = text(f, "outcome", at);
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                throw ApiException.badRequest("'outcome' must be accepted or overridden", at + "outcome");
            }
            Instant when;
            try {
                when = Instant.parse(text(f, "outcomeTimestamp", at));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'outcomeTimestamp' must be an ISO 8601 UTC instant", at + "outcomeTimestamp");
            }
            List<String> accepted = new ArrayList<>();
            JsonNode suggestions = f.get("acceptedSuggestions");
            if (suggestions != null) {
                if (!outcome.equals("accepted")) {
                    throw ApiException.badRequest("'acceptedSuggestions' is only for accepted outcomes (cds-fb-2)", at + "acceptedSuggestions");
                }
                suggestions.forEach(s -> accepted.add(s.path("id").asText("")));
                if (accepted.contains("")) {
                    throw ApiException.badRequest("each accepted suggestion needs its id", at + "acceptedSuggestions");
                }
                StoredFields.check(String.join(" ", accepted), at + "acceptedSuggestions", SUGGESTIONS);
            }
            if (outcome.equals("accepted") && accepted.isEmpty()) {
                throw ApiException.badRequest("an accepted outcome requires 'acceptedSuggestions' (cds-fb-1)", at + "acceptedSuggestions");
            }
            JsonNode reason = f.get("overrideReason");
            if (reason != null && !outcome.equals("overridden")) {
                throw ApiException.badRequest("'overrideReason' is only for overridden outcomes (cds-fb-3)", at + "overrideReason");
            }
            out.add(new Feedback(card, outcome, accepted,
                    stored(reason, "reason", "code", at + "overrideReason.reason.code", REASON_CODE),
                    stored(reason, "reason", "system", at + "overrideReason.reason.system", REASON_SYSTEM),
                    stored(reason, null, "userComment", at + "overrideReason.userComment", COMMENT), when));
        }
        return out;
    }

    /** An optional overrideReason value, checked against its column. */
    private static Optional<String> stored(JsonNode reason, String parent, String field, String path, int maxLength) {
        JsonNode holder = reason == null ? null : parent == null ? reason : reason.path(parent);
        return Optional.ofNullable(holder).map(h -> h.path(field).asText(null)).map(v -> StoredFields.check(v, path, maxLength));
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required", at + field);
        }
        return v.asText();
    }
}
