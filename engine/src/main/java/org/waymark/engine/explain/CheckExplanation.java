package org.waymark.engine.explain;

import java.util.List;
import org.waymark.engine.util.Require;

/**
 * One constraint of a pattern against the facts the pattern looked at: how many of them ({@code of}) meet it, the values
 * seen (for a comparison, its left side per fact, at most a few), and for a comparison no fact meets, the nearest miss
 * ({@code null} otherwise).
 */
public record CheckExplanation(String expression, int metBy, int of, List<String> values, NearMiss nearMiss) {
    public CheckExplanation {
        Require.nonNull("expression, values", expression, values);
        values = List.copyOf(values);
    }

    public boolean met() {
        return metBy > 0;
    }
}
