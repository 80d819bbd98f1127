package org.waymark.engine.ruleset;

import java.util.List;
import java.util.Objects;
import org.waymark.engine.ruleset.Indicator;
import org.waymark.engine.ruleset.Suggestion;
import org.waymark.engine.util.Require;

/**
 * What a recommendation code says to a clinician, from the rule set's {@code recommendations.yaml}:
 * the card's title, summary (under 140 characters), indicator, optional markdown detail and suggestions.
 * Resource templates in suggestions may use {@code {{patient}}} for the patient's reference. The texts are held
 * as rendered: thresholds named as {@code {{parameter}}} in the file are already the parameters' values ({@link Wording}).
 */
public record RecommendationDefinition(String code, String title, String summary, Indicator indicator, String detail,
                                       List<Suggestion> suggestions) {
    public static final int MAX_SUMMARY = 140;

    public RecommendationDefinition {
        Require.nonNull("code, title, summary, indicator", code, title, summary, indicator);
        if (summary.length() >= MAX_SUMMARY) {
            throw new IllegalArgumentException("summary of " + code + " is " + summary.length()
                    + " characters; CDS Hooks needs fewer than " + MAX_SUMMARY);
        }
        detail = Objects.requireNonNullElse(detail, "");
        suggestions = List.copyOf(suggestions);
    }
}
