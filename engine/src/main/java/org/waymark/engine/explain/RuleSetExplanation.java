package org.waymark.engine.explain;

import java.util.List;
import org.waymark.engine.util.Require;

/** Every rule of one rule-set version for this record, ordered by rule id. */
public record RuleSetExplanation(String id, String version, List<RuleExplanation> rules) {
    public RuleSetExplanation {
        Require.nonNull("id, version, rules", id, version, rules);
        rules = List.copyOf(rules);
    }

    public java.util.Optional<RuleExplanation> rule(String ruleId) {
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }
}
