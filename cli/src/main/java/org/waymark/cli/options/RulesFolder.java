package org.waymark.cli.options;

import java.nio.file.Path;
import java.util.Map;
import org.waymark.engine.ruleset.KeptKnowledge;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import picocli.CommandLine.Option;

/** {@code --rules}: the rules folder every command that evaluates or checks rule sets reads. */
public final class RulesFolder {
    @Option(names = "--rules", defaultValue = "${env:WAYMARK_RULES:-rules}", description = "Rules folder (default ${DEFAULT-VALUE}; env WAYMARK_RULES).") Path rules;

    public Path path() {
        return rules;
    }

    /** Refuses a missing folder now, as {@link #load} would: for a command that loads the rule sets beside other work. */
    public void requireFolder() {
        RuleSetRegistry.existingRoot(rules);
    }

    /** Every rule-set version in the folder, each rule set at its newest version. */
    public RuleSets load() {
        return load(KeptKnowledge.NONE);
    }

    /** The same, rebuilding each version compiled before from {@code kept}, and keeping there what it compiles. */
    public RuleSets load(KeptKnowledge kept) {
        return RuleSetRegistry.load(rules, Map.of(), kept).current();
    }
}
