package org.waymark.cli.options;

import java.util.Map;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Shared option handling for commands that load rule sets: resolving {@code id@version} against a snapshot. */
public final class Registries {
    private Registries() {
    }

    public static Optional<CompiledRuleSet> pinned(RuleSets sets, String idAtVersion, CommandSpec spec) {
        if (idAtVersion == null) {
            return Optional.empty();
        }
        Map<String, String> parsed = RuleSetSelection.parse(java.util.List.of(idAtVersion), spec);
        var e = parsed.entrySet().iterator().next();
        return Optional.of(sets.compiled(e.getKey(), e.getValue()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                idAtVersion + " is not a loaded, compiled rule-set version" + failure(sets, e.getKey(), e.getValue()))));
    }

    private static String failure(RuleSets sets, String id, String version) {
        return sets.find(id, version).map(v -> v instanceof org.waymark.engine.ruleset.FailedRuleSet f
                ? ": " + String.join("; ", f.problems().stream().map(Object::toString).toList()) : "").orElse(" (no such folder)");
    }

}
