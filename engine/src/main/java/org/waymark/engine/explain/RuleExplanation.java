package org.waymark.engine.explain;

import java.util.List;
import org.waymark.engine.util.Require;

/** One rule for this record: its id, name and recommendation code ({@code ""} for rules that derive facts), whether it fired, and its conditions. */
public record RuleExplanation(String id, String name, String code, boolean fired, List<ConditionExplanation> conditions) {
    public RuleExplanation {
        Require.nonNull("id, name, code, conditions", id, name, code, conditions);
        conditions = List.copyOf(conditions);
    }
}
