package org.waymark.engine.ruleset;

import java.nio.file.Path;
import java.util.List;

/** A rule-set version that did not load; it never serves, and the problems say why (file, line, message). */
public record FailedRuleSet(String id, String version, Path folder, List<Problem> problems) implements RuleSetVersion {
    public FailedRuleSet {
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a failed rule set needs at least one problem");
        }
    }
}
