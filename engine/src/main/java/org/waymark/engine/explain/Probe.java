package org.waymark.engine.explain;

import org.waymark.engine.util.Require;

/**
 * One generated probe rule: for condition {@code element} of rule {@code rule} (in DRL file {@code file}), its
 * {@code lhs} (the condition, after the earlier conditions it needs for its bindings), and the variable its fact is
 * bound to ({@code ""} when none).
 */
record Probe(int id, String file, String rule, int element, Purpose purpose, String factVariable, String lhs) {
    /** What a probe's firings say. */
    enum Purpose {
        /** The condition, as written, holds (fires once per way it holds). */
        MET,
        /** Every fact the pattern looks at, whatever its conditions, with the names it binds. */
        CANDIDATES,
        /** The facts inside a {@code not} (suppressing it) or an {@code exists} (satisfying it). */
        WITNESSES
    }

    /** The variable probes bind a fact to when the author did not. */
    static final String FACT = "$__f";

    Probe {
        Require.nonNull("file, rule, purpose, factVariable, lhs", file, rule, purpose, factVariable, lhs);
    }

    String ruleName() {
        return "waymark-explain " + id;
    }
}
