package org.waymark.engine.evaluation;


import java.util.List;
import java.util.Objects;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.ruleset.Indicator;
import org.waymark.engine.ruleset.Suggestion;
import org.waymark.engine.util.Require;

/**
 * What the engine recommends for a patient, with its provenance: the rule set and version, the rules
 * that produced it, the sources they implement, the record entries that were the evidence (pertinent positives) and
 * what the rules checked was absent from the record (pertinent negatives, from their {@code @checked}).
 * {@code code} is the public contract ({@code <rule-set>.<name>}); the rest may be reworded between versions.
 */
public record Recommendation(String code, String title, String summary, Indicator indicator, String rationale, String detail,
                             List<Evidence> evidence, String ruleSetId, String ruleSetVersion, List<String> ruleIds,
                             List<String> sources, List<Suggestion> suggestions, List<String> checkedAbsent) {
    public Recommendation {
        Require.nonNull("code, title, summary, indicator, ruleSetId, ruleSetVersion", code, title, summary, indicator, ruleSetId, ruleSetVersion);
        rationale = Objects.requireNonNullElse(rationale, "");
        detail = Objects.requireNonNullElse(detail, "");
        evidence = List.copyOf(evidence);
        ruleIds = List.copyOf(ruleIds);
        if (ruleIds.isEmpty()) {
            throw new IllegalArgumentException("a recommendation needs the id of the rule that produced it");
        }
        sources = List.copyOf(sources);
        suggestions = List.copyOf(suggestions);
        checkedAbsent = List.copyOf(checkedAbsent);
    }

    /** The rule that first produced this recommendation. */
    public String ruleId() {
        return ruleIds.get(0);
    }
}
