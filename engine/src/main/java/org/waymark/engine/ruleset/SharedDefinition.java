package org.waymark.engine.ruleset;

import java.nio.file.Path;
import java.util.List;
import org.kie.api.KieBase;
import org.waymark.engine.util.Require;
import org.waymark.engine.valueset.ValueSets;

/**
 * A shared definition version ({@code rules/shared/<name>/<version>/}) compiled on its own, with its own parameters and
 * value sets, so the evaluator runs it once per patient and hands the facts it derives to every rule set that uses it.
 * The evaluator tells definitions apart by identity, so there is one instance per folder and {@code content} (a hash of the
 * files it was compiled from): rule sets loaded together share it, and so do versions loaded later by a reload while the
 * folder is unchanged (see {@link RuleSetRegistry#loader()}). A folder changed in place gives a second definition for the
 * versions loaded after the change; the versions loaded before keep the one they were compiled and checked with, and a
 * call using both kinds evaluates both, each for its own rule sets.
 */
public record SharedDefinition(String name, String version, Path folder, String content, ValueSets valueSets,
                               Parameters parameters, List<RuleMetadata> rules, SessionPool sessions) {
    public SharedDefinition {
        Require.nonNull("name, version, folder, content, valueSets, parameters, sessions", name, version, folder, content, valueSets,
                parameters, sessions);
        rules = List.copyOf(rules);
    }

    public SharedDefinition(String name, String version, Path folder, String content, ValueSets valueSets, Parameters parameters,
                            List<RuleMetadata> rules, KieBase kieBase) {
        this(name, version, folder, content, valueSets, parameters, rules, new SessionPool(kieBase));
    }

    public KieBase kieBase() {
        return sessions.kieBase();
    }

    /** {@code name@version}, as a manifest {@code uses} it. */
    public String key() {
        return name + "@" + version;
    }
}
