package org.waymark.engine.explain;

import java.util.List;
import java.util.Map;
import org.waymark.engine.util.Require;

/**
 * One top-level condition of a rule for this record: {@code number} (from 1, in rule order), its DRL line and kind
 * (pattern, accumulate, not, exists, other), the text as written, whether it holds, a short note of what was seen, its
 * constraints' checks, the facts it matched (for a {@code not} that failed: the entries that suppressed it), and the
 * values of the parameters it reads.
 */
public record ConditionExplanation(int number, int line, String kind, String source, Status status, String note,
                                   List<CheckExplanation> checks, List<String> facts, Map<String, String> parameters) {
    /** Whether a condition holds; NOT_REACHED: a condition it needs values from does not hold. */
    public enum Status { MET, NOT_MET, NOT_REACHED, NOT_EXPLAINED }

    public ConditionExplanation {
        Require.nonNull("kind, source, status, note, checks, facts, parameters", kind, source, status, note, checks, facts, parameters);
        checks = List.copyOf(checks);
        facts = List.copyOf(facts);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
