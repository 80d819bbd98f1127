package org.waymark.engine.ruleset;

import java.nio.file.Path;

/** One {@code rules/<rule-set>/<version>/} folder after loading: compiled and usable, or failed with its problems. */
public sealed interface RuleSetVersion permits CompiledRuleSet, FailedRuleSet {
    String id();

    String version();

    Path folder();

    default String key() {
        return id() + "@" + version();
    }
}
