package org.waymark.cli.options;

import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --rule-set ID@VERSION}: evaluate with this compiled version instead of the rule set's newest. */
public final class PinnedRuleSet {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--rule-set", paramLabel = "ID@VERSION", description = "Evaluate with this version of the rule set instead.") String ruleSet;

    /** The pinned version, if one was given; a usage error if it is not a loaded, compiled version. */
    public Optional<CompiledRuleSet> resolve(RuleSets sets) {
        return Registries.pinned(sets, ruleSet, spec);
    }
}
